package io.jenkins.plugins.capi.jenkins.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.jenkins.plugins.capi.Defaults;
import io.jenkins.plugins.casc.ConfigurationContext;
import io.jenkins.plugins.casc.ConfiguratorRegistry;
import io.jenkins.plugins.casc.misc.ConfiguredWithCode;
import io.jenkins.plugins.casc.misc.JenkinsConfiguredWithCodeRule;
import io.jenkins.plugins.casc.misc.Util;
import io.jenkins.plugins.casc.misc.junit.jupiter.WithJenkinsConfiguredWithCode;
import io.jenkins.plugins.casc.model.CNode;
import org.junit.jupiter.api.Test;

@WithJenkinsConfiguredWithCode
class ConfigurationAsCodeTest {

    @Test
    @ConfiguredWithCode("configuration-as-code.yml")
    void readsTheDefaultsFromYaml(JenkinsConfiguredWithCodeRule r) {
        CapiImageBuilderConfiguration c = CapiImageBuilderConfiguration.get();
        assertEquals("registry.example.com/palette/capi-builder:v4.6.24", c.getDefaultBuilderImage());
        assertEquals("unix:///run/podman/podman.sock", c.getDefaultDockerHost());
        assertEquals(240, c.getDefaultTimeoutMinutes());
    }

    /** An export of an instance where nothing is set must not pin today's built-in builder image. */
    @Test
    void anExportWithNothingSetHoldsNoBuiltInDefault(JenkinsConfiguredWithCodeRule r) throws Exception {
        CNode unclassified = Util.getUnclassifiedRoot(new ConfigurationContext(ConfiguratorRegistry.get()));
        String yaml = unclassified == null ? "" : Util.toYamlString(unclassified);
        assertFalse(yaml.contains(Defaults.BUILDER_IMAGE), yaml);
        assertFalse(yaml.contains("defaultBuilderImage"), yaml);
    }
}
