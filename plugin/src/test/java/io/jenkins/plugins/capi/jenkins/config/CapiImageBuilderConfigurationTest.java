package io.jenkins.plugins.capi.jenkins.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import hudson.XmlFile;
import hudson.model.Saveable;
import hudson.model.listeners.SaveableListener;
import io.jenkins.plugins.capi.Defaults;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.TestExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

@WithJenkins
class CapiImageBuilderConfigurationTest {

    @Test
    void unsetValuesStayUnsetAndBuildsUseTheBuiltInDefaults(JenkinsRule r) {
        CapiImageBuilderConfiguration c = CapiImageBuilderConfiguration.get();
        assertNull(c.getDefaultBuilderImage());
        assertNull(c.getDefaultDockerHost());
        assertEquals(0, c.getDefaultTimeoutMinutes());
        assertEquals(Defaults.BUILDER_IMAGE, c.effectiveBuilderImage());
        assertEquals(Defaults.TIMEOUT.toMinutes(), c.effectiveTimeoutMinutes());
    }

    /** Saving the System page must not write today's built-in defaults into the configuration. */
    @Test
    void savingTheFormWithNothingSetKeepsTheDefaultsMovable(JenkinsRule r) throws Exception {
        r.configRoundtrip();
        CapiImageBuilderConfiguration c = CapiImageBuilderConfiguration.get();
        c.load();
        assertNull(c.getDefaultBuilderImage());
        assertEquals(0, c.getDefaultTimeoutMinutes());
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
        assertEquals(120, c.effectiveTimeoutMinutes());
    }

    @Test
    void oneSubmitOfTheFormWritesTheFileOnce(JenkinsRule r) throws Exception {
        CapiImageBuilderConfiguration c = CapiImageBuilderConfiguration.get();
        c.setDefaultBuilderImage("registry.example.com/capi-builder:v4.6.24");
        c.setDefaultTimeoutMinutes(120);
        CountSaves saves = SaveableListener.all().get(CountSaves.class);
        saves.count.set(0);
        r.configRoundtrip();
        assertEquals(1, saves.count.get(), "saves of the CAPI Image Builder configuration for one form submit");
    }

    @TestExtension("oneSubmitOfTheFormWritesTheFileOnce")
    public static final class CountSaves extends SaveableListener {
        final AtomicInteger count = new AtomicInteger();

        @Override
        public void onChange(Saveable o, XmlFile file) {
            if (o instanceof CapiImageBuilderConfiguration) {
                count.incrementAndGet();
            }
        }
    }
}
