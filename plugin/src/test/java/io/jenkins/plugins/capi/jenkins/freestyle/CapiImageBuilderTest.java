package io.jenkins.plugins.capi.jenkins.freestyle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Label;
import hudson.model.Result;
import io.jenkins.plugins.capi.config.CompatibilityMode;
import io.jenkins.plugins.capi.jenkins.JenkinsFixtures;
import io.jenkins.plugins.capi.jenkins.action.CapiImageAction;
import io.jenkins.plugins.capi.jenkins.airgap.Airgap;
import io.jenkins.plugins.capi.jenkins.customize.CustomizationInputTest;
import io.jenkins.plugins.capi.jenkins.run.ArchiveMode;
import io.jenkins.plugins.capi.jenkins.run.BuildRunId;
import io.jenkins.plugins.capi.testing.FakeBuilder;
import io.jenkins.plugins.capi.testing.SecretScan;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.CreateFileBuilder;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

@WithJenkins
class CapiImageBuilderTest {

    private JenkinsRule r;
    private Label agent;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        r = rule;
        agent = Label.get("capi");
        r.createOnlineSlave(agent);
        JenkinsFixtures.addVsphereCredentials(r);
    }

    @Test
    void configRoundTripKeepsEveryParameter() throws Exception {
        CapiImageBuilder builder = new CapiImageBuilder();
        builder.setCredentialsId("vsphere");
        builder.setConfig("images/rocky-8.conf");
        builder.setRhelCredentialsId("rhel");
        builder.setRegistryCredentialsId("registry");
        builder.setOverrides("k8s_version=1.31.1\nimage_name=rocky-8-k131");
        builder.setBuilderImage("registry.example.com/capi-builder:v4.6.24");
        builder.setOutputDir("out/rocky");
        builder.setIsoPath("/srv/iso/Rocky-8.iso");
        builder.setDockerHost("unix:///run/podman/podman.sock");
        builder.setTimeoutMinutes(90);
        builder.setStopGraceSeconds(120);
        builder.setArchive(ArchiveMode.METADATA_AND_IMAGE);
        builder.setCompatibility(CompatibilityMode.STRICT);
        builder.setPreflight(false);
        builder.setVcenterServer("vcenter.lab.example.com");
        builder.setVcenterCaFile("ca/vcenter.pem");
        builder.setVcenterInsecure(true);
        builder.setRemoveBuildVm(true);
        builder.setStaticIp(CustomizationInputTest.address());
        Airgap airgap = new Airgap();
        airgap.setArchive("${BUNDLES}/capi-image-builder-v4.6.24.tgz");
        airgap.setYumPort(9100);
        builder.setAirgap(airgap);
        builder.setPreScripts("ci/pre/*.sh\nhardening.sh");
        builder.setPostScripts("ci/post/cleanup.sh");
        builder.setKickstart("ks/rocky8.cfg");
        builder.setRhsmWorkaround("on");
        r.assertEqualDataBoundBeans(builder, r.configRoundtrip(builder));
    }

    /** The freestyle form writes the scripts as lines; the build reads them one by one. */
    @Test
    void scriptLinesAreThePatternsInTheirOrder() {
        CapiImageBuilder builder = new CapiImageBuilder();
        builder.setPreScripts("ci/pre/*.sh\n\n  hardening.sh\n");
        assertEquals(List.of("ci/pre/*.sh", "hardening.sh"), builder.preScriptPatterns());
        assertEquals(List.of(), builder.postScriptPatterns());
    }

    @Test
    void defaultsSurviveARoundTrip() throws Exception {
        CapiImageBuilder builder = new CapiImageBuilder();
        CapiImageBuilder after = r.configRoundtrip(builder);
        r.assertEqualDataBoundBeans(builder, after);
        assertEquals("imageconfig", after.getConfig());
        assertEquals("capi-output", after.getOutputDir());
        assertTrue(after.isPreflight());
        assertEquals(ArchiveMode.METADATA, after.getArchive());
    }

    @Test
    void badOverrideLinesFailTheBuildNamingTheLine() throws Exception {
        FreeStyleProject p = project("imageconfig", FakeBuilder.imageconfig("rocky-8"));
        CapiImageBuilder builder = new CapiImageBuilder();
        builder.setCredentialsId("vsphere");
        builder.setOverrides("k8s_version=1.31.1\nthis is not an assignment");
        p.getBuildersList().add(builder);
        FreeStyleBuild b = r.buildAndAssertStatus(Result.FAILURE, p);
        r.assertLogContains("overrides:2:1: error: line is not a key=value pair", b);
    }

    @Test
    void buildsOnAnAgentWithTheFakeBuilder() throws Exception {
        FakeBuilder.assumeDockerAndImage();
        FreeStyleProject p = project("imageconfig", FakeBuilder.imageconfig("rocky-8"));
        p.getBuildersList().add(new CreateFileBuilder("capi-output/" + FakeBuilder.ISO_NAME, FakeBuilder.ISO_CONTENT));
        CapiImageBuilder builder = fakeBuild();
        builder.setOverrides("image_name=${IMAGE_PREFIX}-k8s");
        p.getBuildersList().add(builder);
        p.addProperty(new hudson.model.ParametersDefinitionProperty(
                new hudson.model.StringParameterDefinition("IMAGE_PREFIX", "rocky-8")));
        FreeStyleBuild b = r.buildAndAssertSuccess(p);
        CapiImageAction action = b.getAction(CapiImageAction.class);
        assertNotNull(action);
        assertEquals("rocky-8-k8s", action.getTemplate().getTemplateName());
        assertEquals("capi-output/template-metadata.json", action.getMetadataArtifact());
        List<String> artifacts =
                b.getArtifacts().stream().map(a -> a.relativePath).toList();
        assertEquals(List.of("capi-output/template-metadata.json"), artifacts);
        r.assertLogNotContains(FakeBuilder.PLANTED_PASSWORD, b);
        SecretScan.assertNoFileContains(b.getRootDir().toPath(), FakeBuilder.PLANTED_PASSWORD);
        SecretScan.assertNoFileContains(p.getRootDir().toPath(), FakeBuilder.PLANTED_PASSWORD);
    }

    @Test
    void abortStopsAndRemovesTheContainer() throws Exception {
        FakeBuilder.assumeDockerAndImage();
        FreeStyleProject p = project("imageconfig", FakeBuilder.imageconfig("rocky-8"));
        p.getBuildersList().add(new CreateFileBuilder("capi-output/" + FakeBuilder.ISO_NAME, FakeBuilder.ISO_CONTENT));
        CapiImageBuilder slow = fakeBuild();
        slow.setOverrides("fake_step_seconds=3");
        p.getBuildersList().add(slow);
        FreeStyleBuild b = p.scheduleBuild2(0).waitForStart();
        r.waitForMessage(JenkinsFixtures.BUILD_VM_CREATED, b);
        b.getExecutor().interrupt();
        r.assertBuildStatus(Result.ABORTED, r.waitForCompletion(b));
        assertEquals(List.of(), FakeBuilder.containersOf(BuildRunId.of(b)), "containers left after abort");
    }

    /** Two image builds in one job: both show on the build page, each with its own container run id. */
    @Test
    void twoStepsInOneJobEachGetTheirOwnActionAndRunId() throws Exception {
        FakeBuilder.assumeDockerAndImage();
        FreeStyleProject p = project("imageconfig-first", FakeBuilder.imageconfig("rocky-8-first"));
        p.getBuildersList().add(new CreateFileBuilder("imageconfig-second", FakeBuilder.imageconfig("rocky-8-second")));
        for (String which : List.of("first", "second")) {
            p.getBuildersList()
                    .add(new CreateFileBuilder("out-" + which + "/" + FakeBuilder.ISO_NAME, FakeBuilder.ISO_CONTENT));
            CapiImageBuilder builder = fakeBuild();
            builder.setConfig("imageconfig-" + which);
            builder.setOutputDir("out-" + which);
            p.getBuildersList().add(builder);
        }
        FreeStyleBuild b = r.buildAndAssertSuccess(p);
        List<CapiImageAction> actions = b.getActions(CapiImageAction.class);
        assertEquals(
                List.of("rocky-8-first", "rocky-8-second"),
                actions.stream().map(a -> a.getTemplate().getTemplateName()).toList());
        assertEquals(
                List.of("capiImage", "capiImage-2"),
                actions.stream().map(CapiImageAction::getUrlName).toList());
        assertNotEquals(actions.get(0).getRunId(), actions.get(1).getRunId());
        assertEquals(List.of(), FakeBuilder.containersOf(BuildRunId.of(b)), "containers left behind");
    }

    private CapiImageBuilder fakeBuild() {
        CapiImageBuilder builder = new CapiImageBuilder();
        builder.setCredentialsId("vsphere");
        builder.setBuilderImage(FakeBuilder.IMAGE);
        builder.setPreflight(false);
        builder.setCompatibility(CompatibilityMode.OFF);
        return builder;
    }

    private FreeStyleProject project(String configFile, String configText) throws Exception {
        FreeStyleProject p = r.createFreeStyleProject();
        p.setAssignedLabel(agent);
        p.getBuildersList().add(new CreateFileBuilder(configFile, configText));
        return p;
    }
}
