package io.jenkins.plugins.capi.jenkins.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

@WithJenkins
class CapiImageBuilderConfigurationTest {

    @Test
    void unsetValuesFallBackToTheDocumentedDefaults(JenkinsRule r) {
        CapiImageBuilderConfiguration c = CapiImageBuilderConfiguration.get();
        assertEquals(CapiImageBuilderConfiguration.FALLBACK_BUILDER_IMAGE, c.getDefaultBuilderImage());
        assertNull(c.getDefaultDockerHost());
        assertEquals(180, c.getDefaultTimeoutMinutes());
    }

    @Test
    void valuesSurviveTheConfigurationFormAndAReload(JenkinsRule r) throws Exception {
        CapiImageBuilderConfiguration c = CapiImageBuilderConfiguration.get();
        c.setDefaultBuilderImage("registry.example.com/capi-builder:v4.6.24");
        c.setDefaultDockerHost("unix:///run/podman/podman.sock");
        c.setDefaultTimeoutMinutes(120);
        r.configRoundtrip();
        c.load();
        assertEquals("registry.example.com/capi-builder:v4.6.24", c.getDefaultBuilderImage());
        assertEquals("unix:///run/podman/podman.sock", c.getDefaultDockerHost());
        assertEquals(120, c.getDefaultTimeoutMinutes());
    }
}
