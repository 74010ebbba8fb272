package io.jenkins.plugins.capi.jenkins.step;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.model.Label;
import hudson.model.Result;
import hudson.tasks.Fingerprinter;
import io.jenkins.plugins.capi.config.CompatibilityMode;
import io.jenkins.plugins.capi.jenkins.JenkinsFixtures;
import io.jenkins.plugins.capi.jenkins.action.CapiImageAction;
import io.jenkins.plugins.capi.jenkins.airgap.Airgap;
import io.jenkins.plugins.capi.jenkins.customize.CustomizationInputTest;
import io.jenkins.plugins.capi.jenkins.customize.StaticAddress;
import io.jenkins.plugins.capi.jenkins.run.ArchiveMode;
import io.jenkins.plugins.capi.jenkins.run.BuildRunId;
import io.jenkins.plugins.capi.testing.FakeBuilder;
import io.jenkins.plugins.capi.testing.SecretScan;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
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
        JenkinsFixtures.addVsphereCredentials(r);
    }

    @Test
    void configRoundTripKeepsEveryFormParameter() throws Exception {
        CapiImageBuildStep step = new CapiImageBuildStep();
        step.setCredentialsId("vsphere");
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
        step.setRemoveBuildVm(true);
        step.setStaticIp(CustomizationInputTest.address());
        Airgap airgap = new Airgap();
        airgap.setArchive("/srv/capi/capi-image-builder-v4.6.24.tgz");
        airgap.setCertificate("certs/support-vm.crt");
        airgap.setKubernetesPack("packs/airgap-pack-kubernetes-1.30.4.bin");
        airgap.setRunKubernetesPack(true);
        airgap.setYumPort(9100);
        step.setAirgap(airgap);
        step.setPreScripts(List.of("ci/pre/*.sh", "hardening.sh"));
        step.setPostScripts(List.of("ci/post/cleanup.sh"));
        step.setKickstart("ks/rocky8.cfg");
        step.setRhsmWorkaround("off");
        // overrides is a script-only map and has no form field, so it is not part of the form round trip
        CapiImageBuildStep after = new StepConfigTester(r).configRoundTrip(step);
        r.assertEqualDataBoundBeans(step, after);
        // the script lists are text areas in the form: the list comes back as the same list
        assertEquals(List.of("ci/pre/*.sh", "hardening.sh"), after.getPreScripts());
    }

    /** Empty script lists stay empty through the form (a text area bound to the list would show "[]"). */
    @Test
    void emptyScriptListsStayEmptyThroughTheForm() throws Exception {
        CapiImageBuildStep after = new StepConfigTester(r).configRoundTrip(new CapiImageBuildStep());
        assertEquals(List.of(), after.getPreScripts());
        assertEquals(List.of(), after.getPostScripts());
        assertEquals("auto", after.getRhsmWorkaround());
    }

    /** Lists are lists, the blocks are maps; each snippet is parsed back to the same step. */
    @Test
    void theSnippetGeneratorWritesTheCustomisationAndAirGapParameters() throws Exception {
        SnippetizerTester st = new SnippetizerTester(r);
        CapiImageBuildStep step = new CapiImageBuildStep();
        step.setPreScripts(List.of("ci/pre/*.sh", "hardening.sh"));
        step.setKickstart("ks/rocky8.cfg");
        step.setRemoveBuildVm(true);
        step.setRhsmWorkaround("OFF");
        StaticAddress address = new StaticAddress();
        address.setIp("10.20.30.40");
        address.setNetmask("24");
        address.setGateway("10.20.30.1");
        address.setNameservers("10.20.30.2 10.20.30.3");
        step.setStaticIp(address);
        st.assertRoundTrip(
                step,
                "capiImageBuild kickstart: 'ks/rocky8.cfg', preScripts: ['ci/pre/*.sh', 'hardening.sh'],"
                        + " removeBuildVm: true, rhsmWorkaround: 'off', staticIp: [gateway: '10.20.30.1', ip:"
                        + " '10.20.30.40', nameservers: '10.20.30.2 10.20.30.3', netmask: '24']");
        CapiImageBuildStep airgapped = new CapiImageBuildStep();
        Airgap airgap = new Airgap();
        airgap.setArchive("capi-image-builder-v4.6.24.tgz");
        airgap.setCertificate("support-vm.crt");
        airgapped.setAirgap(airgap);
        st.assertRoundTrip(
                airgapped,
                "capiImageBuild(airgap: [archive: 'capi-image-builder-v4.6.24.tgz', certificate: 'support-vm.crt'])");
    }

    /** The scripts reach core, read from the workspace: one saved with Windows line ends is refused by name. */
    @Test
    void aScriptWithWindowsLineEndsIsRefusedNamingTheParameter() throws Exception {
        WorkflowRun b = run(
                prepare("rocky-8")
                        + "  writeFile file: 'ci/pre/10-proxy.sh', text: \"#!/bin/bash\\r\\necho proxy\\r\\n\"\n"
                        + """
                  capiImageBuild credentialsId: 'vsphere', preflight: false, compatibility: 'OFF',
                      preScripts: ['ci/pre/*.sh']
                }
                """,
                Result.FAILURE);
        r.assertLogContains("preScripts: error:", b);
        r.assertLogContains("10-proxy.sh", b);
        r.assertLogContains("Windows (CRLF) line ends", b);
        r.assertLogNotContains("packer build", b);
    }

    /** Staged scripts are the run's only: after the build the output folder has no custom_scripts of ours. */
    @Test
    void stagedScriptsAreRemovedAfterTheBuild() throws Exception {
        FakeBuilder.assumeDockerAndImage();
        WorkflowRun b = run(
                prepare("rocky-8")
                        + "  writeFile file: 'ci/pre/10-proxy.sh', text: \"#!/bin/bash\\necho proxy\\n\"\n"
                        + """
                  capiImageBuild credentialsId: 'vsphere', preflight: false, compatibility: 'OFF',
                      builderImage: '%s', preScripts: ['ci/pre/*.sh']
                  echo "left=${fileExists('capi-output/custom_scripts')}"
                }
                """.formatted(FakeBuilder.IMAGE),
                Result.SUCCESS);
        // the stand-in's tag says no version: core warns that scripts need 4.6.23 and stages them all the same
        r.assertLogContains("builderImage: warning:", b);
        r.assertLogContains("left=false", b);
    }

    @Test
    void aWrongRhsmModeInAScriptFailsWithCoresWords() throws Exception {
        WorkflowRun b = run("node('capi') { capiImageBuild rhsmWorkaround: 'maybe' }", Result.FAILURE);
        r.assertLogContains("'maybe' is not auto, on or off", b);
    }

    /** Core's findings about the customisation name the step's parameters, before anything starts. */
    @Test
    void aStaticIpOutsideItsSubnetIsRefusedNamingTheParameter() throws Exception {
        WorkflowRun b = run(prepare("rocky-8") + """
                  capiImageBuild credentialsId: 'vsphere', preflight: false, compatibility: 'OFF',
                      staticIp: [ip: '10.20.30.40', netmask: '24', gateway: '10.20.31.1', nameservers: '10.20.30.2']
                }
                """, Result.FAILURE);
        r.assertLogContains("staticIp.gateway: error:", b);
        assertEquals(
                List.of("REJECTED"),
                b.getActions(CapiImageAction.class).stream()
                        .map(CapiImageAction::getOutcome)
                        .toList());
    }

    /**
     * The Snippet Generator writes a sole required argument without its name ({@code capiImageBuild 'vsphere'}).
     * No parameter is required, so the credentials are named like every other parameter, and a step without any
     * parameter is {@code capiImageBuild()}.
     */
    @Test
    void snippetGeneratorNamesTheCredentialsLikeEveryOtherParameter() throws Exception {
        SnippetizerTester st = new SnippetizerTester(r);
        st.assertRoundTrip(new CapiImageBuildStep(), "capiImageBuild()");
        CapiImageBuildStep step = new CapiImageBuildStep();
        step.setCredentialsId("vsphere");
        st.assertRoundTrip(step, "capiImageBuild credentialsId: 'vsphere'");
        step.setArchive(ArchiveMode.NONE);
        step.setPreflight(false);
        st.assertRoundTrip(step, "capiImageBuild archive: 'NONE', credentialsId: 'vsphere', preflight: false");
    }

    @Test
    void scriptsPassOverridesAsAMap() throws Exception {
        CapiImageBuildStep expected = new CapiImageBuildStep();
        expected.setCredentialsId("vsphere");
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
        r.assertLogContains("the imageconfig file does not exist", b);
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

    /** A step without credentials is accepted; the build then needs the password in the imageconfig. */
    @Test
    void withoutCredentialsTheImageconfigMustHoldThePassword() throws Exception {
        new SnippetizerTester(r).assertParseStep(new CapiImageBuildStep(), "capiImageBuild()");
        WorkflowRun b = run(
                prepare("rocky-8") + "  capiImageBuild preflight: false, compatibility: 'OFF'\n}\n", Result.FAILURE);
        r.assertLogContains("vcenter_password", b);
        r.assertLogContains("in the step: credentialsId", b);
        assertEquals(
                List.of("REJECTED"),
                b.getActions(CapiImageAction.class).stream()
                        .map(CapiImageAction::getOutcome)
                        .toList());
    }

    /**
     * A secret in {@code overrides} is refused before anything runs, with the advice to rotate it. The console
     * never shows it, but the script (kept in build.xml) and the step's recorded arguments (the flow node files under
     * workflow/) already hold it when the step starts, as docs/jenkins.md says.
     */
    @Test
    void aSecretInOverridesIsRefusedAndOnlyPipelineKeepsIt() throws Exception {
        String typed = "Typed-Into-Overrides-5d1e";
        WorkflowRun b = run(
                prepare("rocky-8") + "  capiImageBuild credentialsId: 'vsphere', overrides: [vcenter_password: '"
                        + typed + "']\n}\n",
                Result.FAILURE);
        r.assertLogContains("vcenter_password", b);
        r.assertLogContains("rotate", b);
        r.assertLogNotContains(typed, b);
        List<Path> holders = SecretScan.filesContaining(b.getRootDir().toPath(), typed);
        assertTrue(
                holders.stream().allMatch(p -> p.toString().equals("build.xml") || p.startsWith("workflow")),
                "only the script and the step arguments may hold it: " + holders);
        assertEquals(List.of(), b.getActions(CapiImageAction.class), "nothing was built");
    }

    @Test
    void secretsStayOutOfTheLogAndTheBuildFilesWhenTheEngineIsUnreachable() throws Exception {
        String filePassword = "File-Planted-Passw0rd-91c2";
        WorkflowRun b = run(prepare("rocky-8", "vcenter_password='" + filePassword + "'") + """
                  capiImageBuild credentialsId: 'vsphere', preflight: false, compatibility: 'OFF',
                      dockerHost: 'unix:///nonexistent/capi-test/docker.sock'
                }
                """, Result.FAILURE);
        r.assertLogContains("credentials supplied from outside the file win", b);
        r.assertLogContains("in the step: credentialsId", b);
        r.assertLogNotContains(FakeBuilder.PLANTED_PASSWORD, b);
        r.assertLogNotContains(filePassword, b);
        // An engine failure is a failed image build like any other: one line, a hint, on the build page.
        CapiImageAction action = b.getAction(CapiImageAction.class);
        assertNotNull(action, "the build page shows the failed image build");
        assertEquals("FAILED", action.getOutcome());
        assertEquals("engine", action.getFailure().getHintCategory());
        assertTrue(
                action.getFailure().getReason().contains("/nonexistent/capi-test/docker.sock"),
                action.getFailure().getReason());
        r.assertLogContains("[capi] Cannot use the Docker engine", b);
        r.assertLogNotContains("\tat io.jenkins.plugins.capi", b);
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

    /**
     * A password in the file written with escaped quotes, or followed by a comment, is the value core's parser reads;
     * the agent masks exactly that value, so the builder's echo of it never reaches the console.
     */
    @Test
    void passwordsInTheFileAreMaskedAsTheParserReadsThem() throws Exception {
        FakeBuilder.assumeDockerAndImage();
        // written in the file as "Quoted\"Passw0rd-8e1c" (escaped quote) and as a bare value with a comment after it
        String quoted = "Quoted\"Passw0rd-8e1c";
        String commented = "Commented-Passw0rd-52d0";
        for (String line : List.of(
                "vcenter_password=\"Quoted\\\\\"Passw0rd-8e1c\"",
                "vcenter_password=" + commented + " # the lab password")) {
            WorkflowRun b = run(
                    prepare("rocky-8", "vcenter_user=builder@vsphere.local", line) + """
                      capiImageBuild preflight: false, compatibility: 'OFF', builderImage: '%s'
                    }
                    """.formatted(FakeBuilder.IMAGE),
                    Result.SUCCESS);
            r.assertLogContains("password=****", b);
            for (String secret : List.of(quoted, commented, "Passw0rd-8e1c")) {
                r.assertLogNotContains(secret, b);
                SecretScan.filesContaining(b.getRootDir().toPath(), secret)
                        .forEach(p -> assertTrue(
                                p.toString().equals("build.xml") || p.startsWith("workflow"),
                                "only the script itself may hold it: " + p));
            }
        }
    }

    /** {@code metadataArtifact} names an artifact only when one was archived; {@code metadataFile} always. */
    @Test
    void withArchiveNoneTheResultNamesNoArtifact() throws Exception {
        FakeBuilder.assumeDockerAndImage();
        WorkflowRun b = run(prepare("rocky-8") + """
                  def image = capiImageBuild credentialsId: 'vsphere', preflight: false, compatibility: 'OFF',
                      builderImage: '%s', archive: 'NONE'
                  echo "artifact=${image.metadataArtifact} file=${image.metadataFile}"
                }
                """.formatted(FakeBuilder.IMAGE), Result.SUCCESS);
        r.assertLogContains("artifact=null file=capi-output/template-metadata.json", b);
        assertEquals(List.of(), b.getArtifacts());
    }

    /** Without credentials the password written in the imageconfig is used, with a warning, and masked. */
    @Test
    void withoutCredentialsThePasswordInTheImageconfigIsUsed() throws Exception {
        FakeBuilder.assumeDockerAndImage();
        String filePassword = "Only-In-The-File-Passw0rd-3b7a";
        WorkflowRun b = run(
                prepare("rocky-8", "vcenter_user=builder@vsphere.local", "vcenter_password='" + filePassword + "'")
                        + """
                  capiImageBuild preflight: false, compatibility: 'OFF', builderImage: '%s'
                }
                """.formatted(FakeBuilder.IMAGE),
                Result.SUCCESS);
        r.assertLogContains("`vcenter_password` is written in the image config", b);
        r.assertLogNotContains(filePassword, b);
        r.assertLogContains("password=****", b);
    }

    /**
     * Two calls in parallel branches on one engine (a Declarative matrix does the same): each has its own container
     * run id, neither treats the other's running container as a leftover, and both show on the build page.
     */
    @Test
    void twoCallsInParallelKeepTheirOwnContainersAndBothShowOnTheBuildPage() throws Exception {
        FakeBuilder.assumeDockerAndImage();
        WorkflowRun b = run(
                "node('capi') {\n"
                        + writeConfig("left") + writeConfig("right")
                        + "  parallel left: { " + parallelCall("left") + " }, right: { " + parallelCall("right")
                        + " }\n"
                        + "}\n",
                Result.SUCCESS);
        List<CapiImageAction> actions = b.getActions(CapiImageAction.class);
        assertEquals(2, actions.size(), actions.toString());
        assertEquals(
                Set.of("rocky-8-left", "rocky-8-right"),
                actions.stream().map(a -> a.getTemplate().getTemplateName()).collect(Collectors.toSet()));
        assertEquals(
                Set.of("capiImage", "capiImage-2"),
                actions.stream().map(CapiImageAction::getUrlName).collect(Collectors.toSet()));
        assertNotEquals(actions.get(0).getRunId(), actions.get(1).getRunId());
        actions.forEach(a -> assertTrue(a.getRunId().startsWith(BuildRunId.of(b) + "-"), a.getRunId()));
        r.assertLogNotContains("Removing leftover container", b);
        assertEquals(List.of(), FakeBuilder.containersOf(BuildRunId.of(b)), "containers left behind");
    }

    @Test
    void abortMidBuildStopsAndRemovesTheContainer() throws Exception {
        FakeBuilder.assumeDockerAndImage();
        WorkflowJob p = r.createProject(WorkflowJob.class, "abort");
        p.setDefinition(new CpsFlowDefinition(prepare("rocky-8") + """
                  capiImageBuild credentialsId: 'vsphere', preflight: false, compatibility: 'OFF', builderImage: '%s',
                      overrides: [fake_step_seconds: '3']
                }
                """.formatted(FakeBuilder.IMAGE), true));
        WorkflowRun b = p.scheduleBuild2(0).waitForStart();
        r.waitForMessage(JenkinsFixtures.BUILD_VM_CREATED, b);
        b.getExecutor().interrupt();
        r.assertBuildStatus(Result.ABORTED, r.waitForCompletion(b));
        assertEquals(List.of(), FakeBuilder.containersOf(BuildRunId.of(b)), "containers left after abort");
        r.assertLogNotContains(FakeBuilder.PLANTED_PASSWORD, b);
    }

    /**
     * timeout {} ends its body a fixed grace period after asking it to stop (5 s under the test harness, 60 s
     * otherwise); with the default 300 s stop grace the step says the container will outlive it.
     */
    @Test
    void timeoutWarnsThatItWillEndTheStepBeforeTheContainerHasStopped() throws Exception {
        FakeBuilder.assumeDockerAndImage();
        WorkflowJob p = r.createProject(WorkflowJob.class, "timeout");
        p.setDefinition(new CpsFlowDefinition(prepare("rocky-8-sigterm") + """
                  timeout(time: 20, unit: 'SECONDS') {
                    capiImageBuild credentialsId: 'vsphere', preflight: false, compatibility: 'OFF',
                        builderImage: '%s'
                  }
                }
                """.formatted(FakeBuilder.IMAGE), true));
        WorkflowRun b = r.waitForCompletion(p.scheduleBuild2(0).waitForStart());
        assertNotEquals(Result.SUCCESS, b.getResult());
        r.assertLogContains("[capi] warning: timeout {} ends this step about 60 s after it asks it to stop", b);
        r.assertLogContains("300 s (stopGraceSeconds)", b);
    }

    private static String writeConfig(String side) {
        return "  writeFile file: 'imageconfig-" + side + "', text: '''"
                + FakeBuilder.imageconfig("rocky-8-" + side) + "'''\n"
                + "  writeFile file: 'out-" + side + "/" + FakeBuilder.ISO_NAME + "', text: '''"
                + FakeBuilder.ISO_CONTENT + "'''\n";
    }

    private static String parallelCall(String side) {
        return "capiImageBuild credentialsId: 'vsphere', preflight: false, compatibility: 'OFF', builderImage: '"
                + FakeBuilder.IMAGE + "', config: 'imageconfig-" + side + "', outputDir: 'out-" + side
                + "', overrides: [fake_step_seconds: '1']";
    }

    /** Opens {@code node('capi') {}} and writes the imageconfig and the ISO; the caller closes the block. */
    private static String prepare(String imageName, String... extraConfigLines) {
        return JenkinsFixtures.nodeWithImageconfig(imageName, extraConfigLines);
    }

    private WorkflowRun run(String script, Result expected) throws Exception {
        return JenkinsFixtures.runPipeline(r, script, expected);
    }
}
