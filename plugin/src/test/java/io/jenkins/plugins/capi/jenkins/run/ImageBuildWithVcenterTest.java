package io.jenkins.plugins.capi.jenkins.run;

import static io.jenkins.plugins.capi.jenkins.JenkinsFixtures.BUILD_VM_CREATED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Label;
import hudson.model.Result;
import hudson.model.Run;
import io.jenkins.plugins.capi.config.CompatibilityMode;
import io.jenkins.plugins.capi.jenkins.JenkinsFixtures;
import io.jenkins.plugins.capi.jenkins.action.CapiImageAction;
import io.jenkins.plugins.capi.jenkins.freestyle.CapiImageBuilder;
import io.jenkins.plugins.capi.jenkins.report.BuildVmSummary;
import io.jenkins.plugins.capi.jenkins.report.PublicationSummary;
import io.jenkins.plugins.capi.testing.FakeBuilder;
import io.jenkins.plugins.capi.testing.SecretScan;
import io.jenkins.plugins.capi.testing.Vcsim;
import io.jenkins.plugins.capi.vsphere.SimulatorVms;
import io.jenkins.plugins.capi.vsphere.VimClient;
import io.jenkins.plugins.capi.vsphere.VsphereTimeouts;
import io.jenkins.plugins.capi.vsphere.VsphereTls;
import java.time.Duration;
import java.util.List;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.jvnet.hudson.test.CreateFileBuilder;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Image builds on an agent with the stand-in builder against vcsim: the VM a failed build leaves (reported, or
 * removed when asked), and publishing (a wrong target refused before the container starts; a target lost during the
 * build makes the build UNSTABLE). Every planted vCenter password is looked for in the log and the build's files.
 */
@WithJenkins
@ExtendWith(Vcsim.Available.class)
class ImageBuildWithVcenterTest {

    private static final String VCSIM = "vcsim";
    private static final String DR = "vcsim-dr";
    /** The second simulator's password: a publish target's own credential. */
    private static final String DR_PASSWORD = "Dr-Target-Passw0rd<&>'planted-6e2b";

    private static final String FAILING_IMAGE = "rocky-8-fail-ip-timeout";
    private static final VsphereTimeouts TIMEOUTS = new VsphereTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(20));

    private JenkinsRule r;
    private Label agent;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        FakeBuilder.assumeDockerAndImage();
        r = rule;
        agent = Label.get("capi");
        r.createOnlineSlave(agent);
        JenkinsFixtures.addVsphereCredentials(r);
        JenkinsFixtures.addCredentials(r, VCSIM, Vcsim.USER, Vcsim.PASSWORD);
        JenkinsFixtures.addCredentials(r, DR, Vcsim.USER, DR_PASSWORD);
    }

    /** The build VM is left in vCenter: the log, the failure message and the build page say where and in which state. */
    @Test
    void aFailedPipelineBuildReportsTheVmItLeftInVcenter() throws Exception {
        try (Vcsim sim = Vcsim.start("-folder", "Templates")) {
            WorkflowJob p = r.createProject(WorkflowJob.class);
            p.setDefinition(new CpsFlowDefinition(
                    prepare(FAILING_IMAGE)
                            + """
                      capiImageBuild credentialsId: '%s', preflight: false, compatibility: 'OFF', builderImage: '%s',
                          vcenterCaFile: '%s', overrides: [%s, fake_step_seconds: '1']
                    }
                    """.formatted(
                                    VCSIM, FakeBuilder.IMAGE, sim.caFile(), JenkinsFixtures.vcsimOverrides(sim)),
                    true));
            WorkflowRun b = p.scheduleBuild2(0).waitForStart();
            leaveBuildVm(sim, b);
            r.assertBuildStatus(Result.FAILURE, r.waitForCompletion(b));

            String left = "vCenter " + sim.server() + ": the build left VM /DC0/vm/Templates/" + FAILING_IMAGE;
            r.assertLogContains(left, b);
            r.assertLogContains("poweredOn) behind", b);
            assertBuildVm(sim, b, "LEFT_BEHIND", false);
        }
    }

    /** With removeBuildVm the VM this build made is powered off and deleted, and the build page says so. */
    @Test
    void aFailedFreestyleBuildRemovesTheVmWhenAsked() throws Exception {
        try (Vcsim sim = Vcsim.start("-folder", "Templates")) {
            FreeStyleProject p = r.createFreeStyleProject();
            p.setAssignedLabel(agent);
            p.getBuildersList().add(new CreateFileBuilder("imageconfig", FakeBuilder.imageconfig(FAILING_IMAGE)));
            p.getBuildersList()
                    .add(new CreateFileBuilder("capi-output/" + FakeBuilder.ISO_NAME, FakeBuilder.ISO_CONTENT));
            CapiImageBuilder builder = new CapiImageBuilder();
            builder.setCredentialsId(VCSIM);
            builder.setBuilderImage(FakeBuilder.IMAGE);
            builder.setPreflight(false);
            builder.setCompatibility(CompatibilityMode.OFF);
            builder.setVcenterCaFile(sim.caFile().toString());
            builder.setOverrides(String.join(
                    "\n",
                    "vcenter_server=" + sim.server(),
                    "vcenter_datacenter=DC0",
                    "vcenter_folder=Templates",
                    "vcenter_cluster=DC0_C0",
                    "vcenter_datastore=LocalDS_0",
                    "fake_step_seconds=1"));
            builder.setRemoveBuildVm(true);
            p.getBuildersList().add(builder);
            FreeStyleBuild b = p.scheduleBuild2(0).waitForStart();
            leaveBuildVm(sim, b);
            r.assertBuildStatus(Result.FAILURE, r.waitForCompletion(b));

            r.assertLogContains("behind; it was powered off and deleted", b);
            assertBuildVm(sim, b, "DESTROYED", true);
        }
    }

    /** Every publish target is checked before the builder starts: a wrong datastore fails the build in seconds. */
    @Test
    void aWrongPublishTargetIsRefusedBeforeTheContainerStarts() throws Exception {
        try (Vcsim dr = Vcsim.startWithPassword(DR_PASSWORD, "-folder", "Golden")) {
            WorkflowRun b = run(
                    prepare("rocky-8")
                            + """
                      capiImageBuild credentialsId: '%s', preflight: false, compatibility: 'OFF', builderImage: '%s',
                          publish: [toConfigVcenter: false, targets: [%s]]
                    }
                    """.formatted(
                                            JenkinsFixtures.VSPHERE,
                                            FakeBuilder.IMAGE,
                                            JenkinsFixtures.vcsimTarget(dr, DR, "Golden", "LocalDS_7")),
                    Result.FAILURE);
            r.assertLogContains("publish target 1 (" + dr.server() + ")", b);
            r.assertLogContains("vcenter_datastore 'LocalDS_7': nothing at /DC0/datastore/LocalDS_7", b);
            r.assertLogNotContains("packer build", b);
            CapiImageAction action = b.getAction(CapiImageAction.class);
            assertEquals("REJECTED", action.getOutcome());
            assertTrue(
                    action.getFindings().stream().anyMatch(f -> f.contains("LocalDS_7")),
                    action.getFindings().toString());
            assertEquals(List.of(), FakeBuilder.containersOf(BuildRunId.of(b)));
            assertNoSecret(b, DR_PASSWORD);
        }
    }

    /**
     * Both targets pass their check; the second vCenter goes away while the image is being built. The image and its
     * metadata exist, so the build ends UNSTABLE (not FAILURE), and the step returns every target's result.
     */
    @Test
    void aBuildWhoseImageExistsButMissedATargetIsUnstableAndReturnsEveryPublication() throws Exception {
        Vcsim dr = Vcsim.startWithPassword(DR_PASSWORD, "-folder", "Golden");
        try (Vcsim lab = Vcsim.start("-folder", "Templates")) {
            String drServer = dr.server();
            WorkflowJob p = r.createProject(WorkflowJob.class);
            p.setDefinition(new CpsFlowDefinition(
                    prepare("rocky-8")
                            + """
                      def image = capiImageBuild credentialsId: '%s', preflight: false, compatibility: 'OFF',
                          builderImage: '%s', overrides: [fake_step_seconds: '1'],
                          publish: [toConfigVcenter: false, targets: [%s, %s]]
                      echo "published=${image.published} count=${image.publications.size()}"
                      echo "second=${image.publications[1].outcome} on ${image.publications[1].server}"
                    }
                    """.formatted(
                                    JenkinsFixtures.VSPHERE,
                                    FakeBuilder.IMAGE,
                                    JenkinsFixtures.vcsimTarget(
                                            lab, VCSIM, "Templates", JenkinsFixtures.VCSIM_DATASTORE),
                                    JenkinsFixtures.vcsimTarget(dr, DR, "Golden", JenkinsFixtures.VCSIM_DATASTORE)),
                    true));
            WorkflowRun b = p.scheduleBuild2(0).waitForStart();
            r.waitForMessage(BUILD_VM_CREATED, b);
            dr.close();
            dr = null;
            r.assertBuildStatus(Result.UNSTABLE, r.waitForCompletion(b));

            r.assertLogContains("published=false count=2", b);
            r.assertLogContains("second=failed on " + drServer, b);
            r.assertLogContains("the build is marked UNSTABLE", b);
            CapiImageAction action = b.getAction(CapiImageAction.class);
            assertEquals("SUCCEEDED", action.getOutcome(), "the image itself was built");
            assertEquals(Boolean.FALSE, action.getPublished());
            List<PublicationSummary> publications = action.getPublications();
            assertEquals(2, publications.size());
            assertEquals(
                    "publish target 2 (" + drServer + ")", publications.get(1).getTarget());
            assertTrue(publications.get(1).isFailed());
            assertTrue(
                    b.getArtifacts().stream().anyMatch(a -> a.relativePath.endsWith("template-metadata.json")),
                    "the metadata, publications included, is archived all the same");
            assertNoSecret(b, Vcsim.PASSWORD);
            assertNoSecret(b, DR_PASSWORD);
            assertNoSecret(b, FakeBuilder.PLANTED_PASSWORD);
        } finally {
            if (dr != null) {
                dr.close();
            }
        }
    }

    /** The build page's report of the build VM, and the VM in the simulator: still there, or gone. */
    private void assertBuildVm(Vcsim sim, Run<?, ?> b, String disposition, boolean removed) throws Exception {
        BuildVmSummary vm = b.getAction(CapiImageAction.class).getBuildVm();
        assertNotNull(vm, "the build page shows the build VM");
        assertEquals(disposition, vm.getVms().get(0).getDisposition());
        assertEquals(removed ? 0 : 1, vm.getRemaining());
        assertEquals(removed, vm.isCleanUp());
        try (VimClient admin = admin(sim, Vcsim.PASSWORD)) {
            assertEquals(
                    !removed,
                    admin.findByInventoryPath("/DC0/vm/Templates/" + FAILING_IMAGE)
                            .isPresent(),
                    removed ? "removed" : "left as it was");
        }
        assertNoSecret(b, Vcsim.PASSWORD);
    }

    /** Creates the builder's VM in the simulator while the build runs, as Packer would. */
    private void leaveBuildVm(Vcsim sim, Run<?, ?> b) throws Exception {
        r.waitForMessage(BUILD_VM_CREATED, b);
        try (VimClient admin = admin(sim, Vcsim.PASSWORD)) {
            SimulatorVms.create(admin, "/DC0/vm/Templates", FAILING_IMAGE, true);
        }
    }

    private static VimClient admin(Vcsim sim, String password) throws Exception {
        VimClient c = VimClient.connect(sim.server(), new VsphereTls(sim.caFile(), false), TIMEOUTS);
        c.login(Vcsim.USER, password);
        return c;
    }

    private void assertNoSecret(Run<?, ?> b, String secret) throws Exception {
        r.assertLogNotContains(secret, b);
        SecretScan.assertNoFileContains(b.getRootDir().toPath(), secret);
    }

    private static String prepare(String imageName) {
        return JenkinsFixtures.nodeWithImageconfig(imageName);
    }

    private WorkflowRun run(String script, Result expected) throws Exception {
        return JenkinsFixtures.runPipeline(r, script, expected);
    }
}
