package io.jenkins.plugins.capi.jenkins.step;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.domains.Domain;
import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl;
import hudson.model.Label;
import hudson.model.Result;
import hudson.tasks.Fingerprinter;
import io.jenkins.plugins.capi.config.CompatibilityMode;
import io.jenkins.plugins.capi.jenkins.action.CapiImageAction;
import io.jenkins.plugins.capi.jenkins.run.ArchiveMode;
import io.jenkins.plugins.capi.jenkins.run.BuildRunId;
import io.jenkins.plugins.capi.testing.FakeBuilder;
import io.jenkins.plugins.capi.testing.SecretScan;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.cps.SnippetizerTester;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.steps.StepConfigTester;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

@WithJenkins
class CapiImageBuildStepTest {

    private JenkinsRule r;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        r = rule;
        r.createOnlineSlave(Label.get("capi"));
        CredentialsProvider.lookupStores(r.jenkins)
                .iterator()
                .next()
                .addCredentials(
                        Domain.global(),
                        new UsernamePasswordCredentialsImpl(
                                CredentialsScope.GLOBAL,
                                "vsphere",
                                "vCenter builder",
                                "builder@vsphere.local",
                                FakeBuilder.PLANTED_PASSWORD));
    }

    @Test
    void configRoundTripKeepsEveryFormParameter() throws Exception {
        CapiImageBuildStep step = new CapiImageBuildStep("vsphere");
        step.setConfig("images/rocky-8.conf");
        step.setRhelCredentialsId("rhel");
        step.setRegistryCredentialsId("registry");
        step.setBuilderImage("registry.example.com/capi-builder:v4.6.24");
        step.setOutputDir("out/rocky");
        step.setIsoPath("/srv/iso/Rocky-8.iso");
        step.setDockerHost("unix:///run/podman/podman.sock");
        step.setTimeoutMinutes(90);
        step.setStopGraceSeconds(120);
        step.setArchive(ArchiveMode.METADATA_AND_IMAGE);
        step.setCompatibility(CompatibilityMode.STRICT);
        step.setPreflight(false);
        step.setVcenterServer("vcenter.lab.example.com:8443");
        step.setVcenterCaFile("ca/vcenter.pem");
        step.setVcenterInsecure(true);
        // overrides is a script-only map and has no form field, so it is not part of the form round trip
        r.assertEqualDataBoundBeans(step, new StepConfigTester(r).configRoundTrip(step));
    }

    @Test
    void snippetGeneratorWritesOnlyWhatDiffersFromTheDefaults() throws Exception {
        SnippetizerTester st = new SnippetizerTester(r);
        st.assertRoundTrip(new CapiImageBuildStep("vsphere"), "capiImageBuild credentialsId: 'vsphere'");
        CapiImageBuildStep step = new CapiImageBuildStep("vsphere");
        step.setArchive(ArchiveMode.NONE);
        step.setPreflight(false);
        st.assertRoundTrip(step, "capiImageBuild archive: 'NONE', credentialsId: 'vsphere', preflight: false");
    }

    @Test
    void scriptsPassOverridesAsAMap() throws Exception {
        CapiImageBuildStep expected = new CapiImageBuildStep("vsphere");
        expected.setOverrides(Map.of("k8s_version", "1.31.1"));
        new SnippetizerTester(r)
                .assertParseStep(
                        expected, "capiImageBuild credentialsId: 'vsphere', overrides: [k8s_version: '1.31.1']");
    }

    @Test
    void refusesToRunOutsideANode() throws Exception {
        WorkflowRun b = run("capiImageBuild credentialsId: 'vsphere'", Result.FAILURE);
        r.assertLogContains("hudson.FilePath", b);
    }

    @Test
    void missingImageconfigFailsNamingThePath() throws Exception {
        WorkflowRun b = run(
                "node('capi') { capiImageBuild credentialsId: 'vsphere', config: 'nope/imageconfig' }", Result.FAILURE);
        r.assertLogContains("imageconfig not found", b);
        r.assertLogContains("nope/imageconfig", b);
    }

    @Test
    void unknownCredentialsFailNamingTheParameterAndId() throws Exception {
        WorkflowRun b = run(
                "node('capi') { writeFile file: 'imageconfig', text: '''" + FakeBuilder.imageconfig("rocky-8")
                        + "'''\n capiImageBuild credentialsId: 'no-such-id' }",
                Result.FAILURE);
        r.assertLogContains("credentialsId: no username/password credentials with id 'no-such-id'", b);
    }

    @Test
    void passwordsInOverridesAreRefused() throws Exception {
        WorkflowRun b = run(
                "node('capi') { capiImageBuild credentialsId: 'vsphere', " + "overrides: [vcenter_password: 'x'] }",
                Result.FAILURE);
        r.assertLogContains("overrides must not carry secrets (vcenter_password)", b);
    }

    @Test
    void secretsStayOutOfTheLogAndTheBuildFilesWhenTheEngineIsUnreachable() throws Exception {
        String filePassword = "File-Planted-Passw0rd-91c2";
        WorkflowRun b = run(prepare("rocky-8", "vcenter_password='" + filePassword + "'") + """
                  capiImageBuild credentialsId: 'vsphere', preflight: false, compatibility: 'OFF',
                      dockerHost: 'unix:///nonexistent/capi-test/docker.sock'
                }
                """, Result.FAILURE);
        r.assertLogContains("contains vcenter_password; the value from Jenkins credentials is used instead", b);
        r.assertLogNotContains(FakeBuilder.PLANTED_PASSWORD, b);
        r.assertLogNotContains(filePassword, b);
        SecretScan.assertNoFileContains(b.getRootDir().toPath(), FakeBuilder.PLANTED_PASSWORD);
        SecretScan.assertNoFileContains(b.getParent().getRootDir().toPath(), FakeBuilder.PLANTED_PASSWORD);
    }

    @Test
    void buildsOnAnAgentWithTheFakeBuilderAndReturnsTheTemplate() throws Exception {
        FakeBuilder.assumeDockerAndImage();
        WorkflowRun b = run(prepare("rocky-8") + """
                  def image = capiImageBuild credentialsId: 'vsphere', preflight: false, compatibility: 'OFF',
                      builderImage: '%s', archive: 'METADATA_AND_IMAGE'
                  echo "template=${image.templateName} os=${image.os} k8s=${image.kubernetesVersion}"
                  echo "metadata=${image.metadataArtifact} ova=${image.ovaFile} sha=${image.ovaSha256}"
                }
                """.formatted(FakeBuilder.IMAGE), Result.SUCCESS);
        r.assertLogContains("template=rocky-8 os=rockylinux-8 k8s=1.30.4", b);
        r.assertLogContains("metadata=capi-output/template-metadata.json", b);
        List<String> artifacts =
                b.getArtifacts().stream().map(a -> a.relativePath).toList();
        assertTrue(artifacts.contains("capi-output/template-metadata.json"), artifacts.toString());
        assertTrue(artifacts.stream().anyMatch(a -> a.endsWith(".ova")), artifacts.toString());
        CapiImageAction action = b.getAction(CapiImageAction.class);
        assertNotNull(action);
        assertEquals("SUCCEEDED", action.getOutcome());
        assertEquals("rocky-8", action.getTemplate().getTemplateName());
        assertEquals(List.of(), FakeBuilder.containersOf(BuildRunId.of(b)), "containers left behind");
        Fingerprinter.FingerprintAction fingerprints = b.getAction(Fingerprinter.FingerprintAction.class);
        assertNotNull(fingerprints, "the OVA is fingerprinted");
        assertTrue(
                fingerprints.getRecords().keySet().stream().anyMatch(f -> f.endsWith(".ova")),
                fingerprints.getRecords().toString());
        // The fake builder prints the password in its packer command line, as KIB does.
        r.assertLogNotContains(FakeBuilder.PLANTED_PASSWORD, b);
        r.assertLogContains("password=****", b);
        SecretScan.assertNoFileContains(b.getRootDir().toPath(), FakeBuilder.PLANTED_PASSWORD);
    }

    @Test
    void abortMidBuildStopsAndRemovesTheContainer() throws Exception {
        FakeBuilder.assumeDockerAndImage();
        WorkflowJob p = r.createProject(WorkflowJob.class, "abort");
        p.setDefinition(new CpsFlowDefinition(
                prepare("rocky-8", "fake_step_seconds=3") + """
                  capiImageBuild credentialsId: 'vsphere', preflight: false, compatibility: 'OFF', builderImage: '%s'
                }
                """.formatted(FakeBuilder.IMAGE), true));
        WorkflowRun b = p.scheduleBuild2(0).waitForStart();
        r.waitForMessage("==> vsphere:", b);
        b.getExecutor().interrupt();
        r.assertBuildStatus(Result.ABORTED, r.waitForCompletion(b));
        assertEquals(List.of(), FakeBuilder.containersOf(BuildRunId.of(b)), "containers left after abort");
        r.assertLogNotContains(FakeBuilder.PLANTED_PASSWORD, b);
    }

    /** Opens {@code node('capi') {}} and writes the imageconfig and the ISO; the caller closes the block. */
    private static String prepare(String imageName, String... extraConfigLines) {
        return "node('capi') {\n"
                + "  writeFile file: 'imageconfig', text: '''" + FakeBuilder.imageconfig(imageName, extraConfigLines)
                + "'''\n"
                + "  writeFile file: 'capi-output/" + FakeBuilder.ISO_NAME + "', text: '''" + FakeBuilder.ISO_CONTENT
                + "'''\n";
    }

    private WorkflowRun run(String script, Result expected) throws Exception {
        WorkflowJob p = r.createProject(WorkflowJob.class);
        p.setDefinition(new CpsFlowDefinition(script, true));
        return r.assertBuildStatus(expected, p.scheduleBuild2(0));
    }
}
