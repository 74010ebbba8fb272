package io.jenkins.plugins.capi.jenkins.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.model.Label;
import hudson.model.Result;
import io.jenkins.plugins.capi.Defaults;
import io.jenkins.plugins.capi.config.CompatibilityMode;
import io.jenkins.plugins.capi.config.ConfigKey;
import io.jenkins.plugins.capi.config.Overrides;
import io.jenkins.plugins.capi.jenkins.JenkinsFixtures;
import io.jenkins.plugins.capi.jenkins.config.CapiImageBuilderConfiguration;
import io.jenkins.plugins.capi.jenkins.freestyle.CapiImageBuilder;
import io.jenkins.plugins.capi.jenkins.step.CapiImageBuildStep;
import io.jenkins.plugins.capi.testing.FakeBuilder;
import io.jenkins.plugins.capi.testing.SecretScan;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

@WithJenkins
class BuildSettingsTest {

    @Test
    void blankParametersTakeTheDefaults(JenkinsRule r) throws AbortException {
        CapiImageBuilderConfiguration global = CapiImageBuilderConfiguration.get();
        global.setDefaultDockerHost("unix:///run/podman/podman.sock");
        BuildSettings s = BuildSettings.resolve(new CapiImageBuildStep(), global, null, false);
        assertEquals("imageconfig", s.config());
        assertEquals("capi-output", s.outputDir());
        assertEquals(Defaults.BUILDER_IMAGE, s.builderImage());
        assertEquals("unix:///run/podman/podman.sock", s.dockerHost());
        assertEquals(180, s.timeoutMinutes());
        assertEquals(300, s.stopGraceSeconds());
        assertEquals(ArchiveMode.METADATA, s.archive());
        assertEquals(CompatibilityMode.WARN, s.compatibility());
        assertTrue(s.preflight());
        assertNull(s.rhelCredentialsId());
    }

    /** Text parameters are expanded; credential ids are left to the credentials plugin (Credentials parameters). */
    @Test
    void freestyleValuesAreExpandedFromTheEnvironmentButCredentialIdsAreNot(JenkinsRule r) throws AbortException {
        CapiImageBuilder b = new CapiImageBuilder();
        b.setCredentialsId("${VCENTER_CREDS}");
        b.setOverrides("k8s_version=${K8S}");
        b.setOutputDir("out/${K8S}");
        BuildSettings s = BuildSettings.resolve(
                b,
                CapiImageBuilderConfiguration.get(),
                new EnvVars("K8S", "1.31.1", "VCENTER_CREDS", "vsphere-prod"),
                true);
        assertEquals(Optional.of("1.31.1"), s.overrides().read().value(ConfigKey.K8S_VERSION));
        assertEquals("out/1.31.1", s.outputDir());
        assertEquals("${VCENTER_CREDS}", s.credentialsId());
    }

    /**
     * The build's environment starts from the agent's own: an agent started with {@code DOCKER_HOST} beats the
     * global default, as docs/jenkins.md says.
     */
    @Test
    void anAgentsOwnDockerHostBeatsTheGlobalDefault(JenkinsRule r) throws Exception {
        CapiImageBuilderConfiguration.get().setDefaultDockerHost("unix:///nonexistent/global/docker.sock");
        r.createOnlineSlave(
                Label.get("own-engine"), new EnvVars("DOCKER_HOST", "unix:///nonexistent/agent/docker.sock"));
        JenkinsFixtures.addVsphereCredentials(r);
        WorkflowJob p = r.createProject(WorkflowJob.class);
        p.setDefinition(new CpsFlowDefinition(
                "node('own-engine') {\n"
                        + "  writeFile file: 'imageconfig', text: '''" + FakeBuilder.imageconfig("rocky-8") + "'''\n"
                        + "  writeFile file: 'capi-output/" + FakeBuilder.ISO_NAME + "', text: '''"
                        + FakeBuilder.ISO_CONTENT + "'''\n"
                        + "  capiImageBuild credentialsId: 'vsphere', preflight: false, compatibility: 'OFF'\n"
                        + "}\n",
                true));
        WorkflowRun b = r.assertBuildStatus(Result.FAILURE, p.scheduleBuild2(0));
        r.assertLogContains("through unix:///nonexistent/agent/docker.sock", b);
        r.assertLogNotContains("through unix:///nonexistent/global/docker.sock", b);
        r.assertLogNotContains(FakeBuilder.PLANTED_PASSWORD, b);
        SecretScan.assertNoFileContains(b.getRootDir().toPath(), FakeBuilder.PLANTED_PASSWORD);
    }

    @Test
    void dockerHostComesFromTheStepThenTheBuildEnvironmentThenTheGlobalDefault(JenkinsRule r) throws AbortException {
        CapiImageBuilderConfiguration global = CapiImageBuilderConfiguration.get();
        global.setDefaultDockerHost("unix:///var/run/docker.sock");
        EnvVars env = new EnvVars("DOCKER_HOST", "unix:///run/user/1000/podman/podman.sock");
        CapiImageBuildStep step = new CapiImageBuildStep();
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
        CapiImageBuildStep step = new CapiImageBuildStep();
        step.setOutputDir("out/${K8S}");
        assertEquals(
                "out/${K8S}",
                BuildSettings.resolve(step, CapiImageBuilderConfiguration.get(), new EnvVars("K8S", "1.31.1"), false)
                        .outputDir());
    }

    @Test
    void outputOutsideTheWorkspaceIsRefused(JenkinsRule r) {
        for (String bad : new String[] {"/tmp/out", "../out", "a/../../out", "."}) {
            CapiImageBuildStep step = new CapiImageBuildStep();
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
        CapiImageBuildStep step = new CapiImageBuildStep();
        step.setVcenterServer("vc.example.com");
        assertEquals(
                Optional.of("vc.example.com"),
                BuildSettings.resolve(step, CapiImageBuilderConfiguration.get(), null, false)
                        .overrides()
                        .read()
                        .value(ConfigKey.VCENTER_SERVER));
        step.setOverrides(Map.of("vcenter_server", "other.example.com"));
        assertThrows(
                AbortException.class,
                () -> BuildSettings.resolve(step, CapiImageBuilderConfiguration.get(), null, false));
    }

    /** The field is checked by core's rule for vcenter_server, before anything runs. */
    @Test
    void aVcenterServerWithSchemeOrPathIsRefusedNamingTheField(JenkinsRule r) {
        CapiImageBuildStep step = new CapiImageBuildStep();
        step.setVcenterServer("https://vc.example.com/sdk");
        AbortException e = assertThrows(
                AbortException.class,
                () -> BuildSettings.resolve(step, CapiImageBuilderConfiguration.get(), null, false));
        assertTrue(e.getMessage().contains("vcenterServer"), e.getMessage());
        assertTrue(e.getMessage().contains("vc.example.com"), "the fix is shown: " + e.getMessage());
    }

    /** Freestyle lines are read by core's imageconfig parser: quotes, escapes, comments and export. */
    @Test
    void freestyleLinesAreReadLikeTheImageconfig(JenkinsRule r) throws AbortException {
        CapiImageBuilder b = new CapiImageBuilder();
        b.setOverrides("# versions for this cell\nexport k8s_version=1.31.1\nvcenter_network=\"VM \\\"Lab\\\" Net\"\n"
                + "image_name=rocky-8 # the name\n");
        b.setVcenterServer("vc.example.com:8443");
        Overrides read = BuildSettings.resolve(b, CapiImageBuilderConfiguration.get(), new EnvVars(), true)
                .overrides()
                .read();
        assertEquals(List.of(), read.findings());
        assertEquals(Optional.of("1.31.1"), read.value(ConfigKey.K8S_VERSION));
        assertEquals(Optional.of("VM \"Lab\" Net"), read.value(ConfigKey.VCENTER_NETWORK));
        assertEquals(Optional.of("rocky-8"), read.value(ConfigKey.IMAGE_NAME));
        assertEquals(Optional.of("vc.example.com:8443"), read.value(ConfigKey.VCENTER_SERVER));
    }

    @Test
    void badFreestyleLinesFailNamingTheLine(JenkinsRule r) {
        CapiImageBuilder b = new CapiImageBuilder();
        b.setOverrides("k8s_version=1.31.1\nthis is not an assignment");
        AbortException e = assertThrows(
                AbortException.class,
                () -> BuildSettings.resolve(b, CapiImageBuilderConfiguration.get(), new EnvVars(), true));
        assertTrue(e.getMessage().contains("overrides:2"), e.getMessage());
    }

    @Test
    void secretsAreRefusedInOverrides(JenkinsRule r) {
        CapiImageBuildStep step = new CapiImageBuildStep();
        step.setOverrides(Map.of("rhel_subscription_pass", "x"));
        AbortException e = assertThrows(
                AbortException.class,
                () -> BuildSettings.resolve(step, CapiImageBuilderConfiguration.get(), null, false));
        assertTrue(e.getMessage().contains("rhel_subscription_pass"), e.getMessage());
        assertTrue(e.getMessage().contains("rotate"), e.getMessage());
        assertFalse(e.getMessage().contains("=x"), "the value is not repeated: " + e.getMessage());
    }
}
