package io.jenkins.plugins.capi.jenkins.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jenkins.plugins.casc.misc.ConfiguredWithCode;
import io.jenkins.plugins.casc.misc.JenkinsConfiguredWithCodeRule;
import io.jenkins.plugins.casc.misc.junit.jupiter.WithJenkinsConfiguredWithCode;
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
}
