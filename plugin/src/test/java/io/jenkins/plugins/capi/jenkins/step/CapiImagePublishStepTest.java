package io.jenkins.plugins.capi.jenkins.step;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.FilePath;
import hudson.model.Label;
import hudson.model.Result;
import hudson.slaves.DumbSlave;
import io.jenkins.plugins.capi.jenkins.JenkinsFixtures;
import io.jenkins.plugins.capi.jenkins.action.CapiPublishAction;
import io.jenkins.plugins.capi.metadata.MetadataJson;
import io.jenkins.plugins.capi.metadata.Provenance;
import io.jenkins.plugins.capi.metadata.TemplateMetadata;
import io.jenkins.plugins.capi.testing.FinishedBuild;
import io.jenkins.plugins.capi.testing.SecretScan;
import io.jenkins.plugins.capi.testing.Vcsim;
import io.jenkins.plugins.capi.vsphere.ObjectContent;
import io.jenkins.plugins.capi.vsphere.VimClient;
import io.jenkins.plugins.capi.vsphere.VmFolders;
import io.jenkins.plugins.capi.vsphere.VsphereTimeouts;
import io.jenkins.plugins.capi.vsphere.VsphereTls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * {@code capiImagePublish} on an agent against two vcsim processes: a build made earlier (its output folder in the
 * job's workspace) promoted to the imageconfig's vCenter and another vCenter with its own credentials.
 */
@WithJenkins
@ExtendWith(Vcsim.Available.class)
class CapiImagePublishStepTest {

    private static final String VCSIM = "vcsim";
    private static final String DR = "vcsim-dr";
    private static final String DR_PASSWORD = "Promote-Target-Passw0rd<&>'9a1f";
    private static final String TEMPLATE = FinishedBuild.ARTIFACT + "-";

    private JenkinsRule r;
    private DumbSlave agent;
    private WorkflowJob job;
    private Path workspace;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        r = rule;
        agent = r.createOnlineSlave(Label.get("capi"));
        JenkinsFixtures.addCredentials(r, VCSIM, Vcsim.USER, Vcsim.PASSWORD);
        JenkinsFixtures.addCredentials(r, DR, Vcsim.USER, DR_PASSWORD);
        job = r.createProject(WorkflowJob.class, "promote");
        FilePath ws = agent.getWorkspaceFor(job);
        workspace = Path.of(ws.getRemote());
        FinishedBuild.write(workspace.resolve("capi-output"), "rocky-8", 300 * 1024);
    }

    @Test
    void promotesAFinishedBuildToBothVcentersAndRecordsEveryPublication() throws Exception {
        try (Vcsim lab = Vcsim.start("-folder", "Templates");
                Vcsim dr = Vcsim.startWithPassword(DR_PASSWORD, "-folder", "Golden")) {
            WorkflowRun b = run(
                    lab,
                    """
                      def result = capiImagePublish credentialsId: '%s', vcenterCaFile: '%s',
                          publish: [namePattern: '{os}-kube-v{k8s}-{build}', targets: [%s]]
                      echo "published=${result.published} first=${result.publications[0].inventoryPath}"
                      echo "second=${result.publications[1].inventoryPath} metadata=${result.metadataFile}"
                    """.formatted(
                                    VCSIM,
                                    lab.caFile(),
                                    JenkinsFixtures.vcsimTarget(dr, DR, "Golden", JenkinsFixtures.VCSIM_DATASTORE)),
                    Result.SUCCESS);
            r.assertLogContains("published=true first=/DC0/vm/Templates/" + TEMPLATE + "1", b);
            r.assertLogContains(
                    "second=/DC0/vm/Golden/" + TEMPLATE + "1 metadata=capi-output/template-metadata.json", b);
            try (VimClient a = admin(lab, Vcsim.PASSWORD);
                    VimClient c = admin(dr, DR_PASSWORD)) {
                assertEquals(List.of(TEMPLATE + "1"), names(a, "/DC0/vm/Templates"));
                assertEquals(List.of(TEMPLATE + "1"), names(c, "/DC0/vm/Golden"));
            }
            TemplateMetadata m = MetadataJson.read(MetadataJson.defaultFile(workspace.resolve("capi-output")));
            assertEquals(2, m.publications().size());
            assertEquals(
                    "publish target 1 (" + dr.server() + ")",
                    m.publications().get(1).target());
            assertTrue(Files.isRegularFile(Provenance.defaultFile(workspace.resolve("capi-output"))));
            CapiPublishAction action = b.getAction(CapiPublishAction.class);
            assertEquals("PUBLISHED", action.getOutcome());
            assertEquals(2, action.getPublications().size());
            for (String secret : List.of(Vcsim.PASSWORD, DR_PASSWORD)) {
                r.assertLogNotContains(secret, b);
                SecretScan.assertNoFileContains(b.getRootDir().toPath(), secret);
                SecretScan.assertNoFileContains(workspace, secret);
            }
        }
    }

    @Test
    void aWrongTargetStopsEverythingBeforeAnythingIsUploaded() throws Exception {
        try (Vcsim lab = Vcsim.start("-folder", "Templates");
                Vcsim dr = Vcsim.startWithPassword(DR_PASSWORD, "-folder", "Golden")) {
            WorkflowRun b = run(
                    lab,
                    """
                      capiImagePublish credentialsId: '%s', vcenterCaFile: '%s', publish: [targets: [%s]]
                    """.formatted(VCSIM, lab.caFile(), JenkinsFixtures.vcsimTarget(dr, DR, "Golden", "LocalDS_7")),
                    Result.FAILURE);
            r.assertLogContains("nothing was published", b);
            r.assertLogContains("vcenter_datastore 'LocalDS_7': nothing at /DC0/datastore/LocalDS_7", b);
            try (VimClient a = admin(lab, Vcsim.PASSWORD)) {
                assertEquals(List.of(), names(a, "/DC0/vm/Templates"), "the good target got nothing either");
            }
            assertEquals("REJECTED", b.getAction(CapiPublishAction.class).getOutcome());
            r.assertLogNotContains(DR_PASSWORD, b);
        }
    }

    @Test
    void aDryRunChecksAndChangesNothing() throws Exception {
        try (Vcsim lab = Vcsim.start("-folder", "Templates")) {
            Path metadata = MetadataJson.defaultFile(workspace.resolve("capi-output"));
            String before = Files.readString(metadata);
            WorkflowRun b = run(lab, """
                      def result = capiImagePublish credentialsId: '%s', vcenterCaFile: '%s', dryRun: true
                      echo "outcome=${result.publications[0].outcome}"
                    """.formatted(VCSIM, lab.caFile()), Result.SUCCESS);
            r.assertLogContains("outcome=dry-run", b);
            try (VimClient a = admin(lab, Vcsim.PASSWORD)) {
                assertEquals(List.of(), names(a, "/DC0/vm/Templates"));
            }
            assertEquals(before, Files.readString(metadata), "the metadata is unchanged");
        }
    }

    @Test
    void withoutABuildInTheOutputFolderItSaysWhatIsMissing() throws Exception {
        try (Vcsim lab = Vcsim.start("-folder", "Templates")) {
            WorkflowRun b = run(lab, """
                      capiImagePublish credentialsId: '%s', outputDir: 'elsewhere'
                    """.formatted(VCSIM), Result.FAILURE);
            r.assertLogContains("outputDir: ", b);
            r.assertLogContains("elsewhere/template-metadata.json does not exist", b);
        }
    }

    /** Writes the imageconfig pointing at {@code lab} in the job's workspace, then runs {@code body} on the agent. */
    private WorkflowRun run(Vcsim lab, String body, Result expected) throws Exception {
        String imageconfig = String.join(
                "\n",
                "os_version=rockylinux-8",
                "image_type=standard",
                "k8s_version=1.30.4",
                "image_name=rocky-8",
                "vcenter_server=" + lab.server(),
                "vcenter_datacenter=" + JenkinsFixtures.VCSIM_DATACENTER,
                "vcenter_datastore=" + JenkinsFixtures.VCSIM_DATASTORE,
                "vcenter_network=\"" + JenkinsFixtures.VCSIM_NETWORK + "\"",
                "vcenter_folder=Templates",
                "vcenter_cluster=" + JenkinsFixtures.VCSIM_CLUSTER,
                "");
        Files.writeString(workspace.resolve("imageconfig"), imageconfig);
        job.setDefinition(new CpsFlowDefinition("node('capi') {\n" + body + "}\n", true));
        return r.assertBuildStatus(expected, job.scheduleBuild2(0));
    }

    private static VimClient admin(Vcsim sim, String password) throws Exception {
        VimClient c = VimClient.connect(
                sim.server(),
                new VsphereTls(sim.caFile(), false),
                new VsphereTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(20)));
        c.login(Vcsim.USER, password);
        return c;
    }

    private static List<String> names(VimClient c, String folder) throws Exception {
        return VmFolders.virtualMachinesIn(c, c.findByInventoryPath(folder).orElseThrow(), List.of("name")).stream()
                .map(ObjectContent::name)
                .sorted()
                .toList();
    }
}
