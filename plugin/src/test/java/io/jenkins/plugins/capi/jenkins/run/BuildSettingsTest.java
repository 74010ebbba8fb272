package io.jenkins.plugins.capi.jenkins.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.AbortException;
import hudson.EnvVars;
import io.jenkins.plugins.capi.config.CompatibilityMode;
import io.jenkins.plugins.capi.jenkins.config.CapiImageBuilderConfiguration;
import io.jenkins.plugins.capi.jenkins.freestyle.CapiImageBuilder;
import io.jenkins.plugins.capi.jenkins.step.CapiImageBuildStep;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

@WithJenkins
class BuildSettingsTest {

    @Test
    void blankParametersTakeTheDefaults(JenkinsRule r) throws AbortException {
        CapiImageBuilderConfiguration global = CapiImageBuilderConfiguration.get();
        global.setDefaultDockerHost("unix:///run/podman/podman.sock");
        BuildSettings s = BuildSettings.resolve(new CapiImageBuildStep("vsphere"), global, null, false);
        assertEquals("imageconfig", s.config());
        assertEquals("capi-output", s.outputDir());
        assertEquals(CapiImageBuilderConfiguration.FALLBACK_BUILDER_IMAGE, s.builderImage());
        assertEquals("unix:///run/podman/podman.sock", s.dockerHost());
        assertEquals(180, s.timeoutMinutes());
        assertEquals(300, s.stopGraceSeconds());
        assertEquals(ArchiveMode.METADATA, s.archive());
        assertEquals(CompatibilityMode.WARN, s.compatibility());
        assertTrue(s.preflight());
        assertNull(s.rhelCredentialsId());
    }

    @Test
    void freestyleValuesAreExpandedFromTheEnvironment(JenkinsRule r) throws AbortException {
        CapiImageBuilder b = new CapiImageBuilder("${VCENTER_CREDS}");
        b.setOverrides("k8s_version=${K8S}");
        b.setOutputDir("out/${K8S}");
        BuildSettings s = BuildSettings.resolve(
                b,
                CapiImageBuilderConfiguration.get(),
                new EnvVars("K8S", "1.31.1", "VCENTER_CREDS", "vsphere-prod"),
                true);
        assertEquals(Map.of("k8s_version", "1.31.1"), s.overrides());
        assertEquals("out/1.31.1", s.outputDir());
        assertEquals("vsphere-prod", s.credentialsId());
    }

    @Test
    void dockerHostComesFromTheStepThenTheBuildEnvironmentThenTheGlobalDefault(JenkinsRule r) throws AbortException {
        CapiImageBuilderConfiguration global = CapiImageBuilderConfiguration.get();
        global.setDefaultDockerHost("unix:///var/run/docker.sock");
        EnvVars env = new EnvVars("DOCKER_HOST", "unix:///run/user/1000/podman/podman.sock");
        CapiImageBuildStep step = new CapiImageBuildStep("vsphere");
        assertEquals(
                "unix:///var/run/docker.sock",
                BuildSettings.resolve(step, global, null, false).dockerHost());
        assertEquals(
                "unix:///run/user/1000/podman/podman.sock",
                BuildSettings.resolve(step, global, env, false).dockerHost());
        step.setDockerHost("tcp://docker.example.com:2376");
        assertEquals(
                "tcp://docker.example.com:2376",
                BuildSettings.resolve(step, global, env, false).dockerHost());
    }

    @Test
    void pipelineParametersAreNotExpanded(JenkinsRule r) throws AbortException {
        CapiImageBuildStep step = new CapiImageBuildStep("vsphere");
        step.setOutputDir("out/${K8S}");
        assertEquals(
                "out/${K8S}",
                BuildSettings.resolve(step, CapiImageBuilderConfiguration.get(), new EnvVars("K8S", "1.31.1"), false)
                        .outputDir());
    }

    @Test
    void outputOutsideTheWorkspaceIsRefused(JenkinsRule r) {
        for (String bad : new String[] {"/tmp/out", "../out", "a/../../out", "."}) {
            CapiImageBuildStep step = new CapiImageBuildStep("vsphere");
            step.setOutputDir(bad);
            AbortException e = assertThrows(
                    AbortException.class,
                    () -> BuildSettings.resolve(step, CapiImageBuilderConfiguration.get(), null, false),
                    bad);
            assertTrue(e.getMessage().startsWith("outputDir"), e.getMessage());
        }
    }

    @Test
    void vcenterServerBecomesAnOverrideAndMustAgreeWithOne(JenkinsRule r) throws AbortException {
        CapiImageBuildStep step = new CapiImageBuildStep("vsphere");
        step.setVcenterServer("vc.example.com");
        assertEquals(
                Map.of("vcenter_server", "vc.example.com"),
                BuildSettings.resolve(step, CapiImageBuilderConfiguration.get(), null, false)
                        .overrides());
        step.setOverrides(Map.of("vcenter_server", "other.example.com"));
        assertThrows(
                AbortException.class,
                () -> BuildSettings.resolve(step, CapiImageBuilderConfiguration.get(), null, false));
    }

    @Test
    void secretsAreRefusedInOverrides(JenkinsRule r) {
        CapiImageBuildStep step = new CapiImageBuildStep("vsphere");
        step.setOverrides(Map.of("rhel_subscription_pass", "x"));
        AbortException e = assertThrows(
                AbortException.class,
                () -> BuildSettings.resolve(step, CapiImageBuilderConfiguration.get(), null, false));
        assertTrue(e.getMessage().contains("rhelCredentialsId"), e.getMessage());
    }
}
