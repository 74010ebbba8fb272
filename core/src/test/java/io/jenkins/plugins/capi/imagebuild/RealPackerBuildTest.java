package io.jenkins.plugins.capi.imagebuild;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.Container;
import io.jenkins.plugins.capi.config.CompatibilityMode;
import io.jenkins.plugins.capi.container.ContainerResult;
import io.jenkins.plugins.capi.container.ContainerRunner;
import io.jenkins.plugins.capi.container.RunSpec;
import io.jenkins.plugins.capi.iso.Sha256;
import io.jenkins.plugins.capi.logs.FailureHint;
import io.jenkins.plugins.capi.logs.Phase;
import io.jenkins.plugins.capi.secrets.BuildSecrets;
import io.jenkins.plugins.capi.testing.Engine;
import io.jenkins.plugins.capi.testing.PackerBuilder;
import io.jenkins.plugins.capi.testing.RecordedEvents;
import io.jenkins.plugins.capi.testing.SecretScan;
import io.jenkins.plugins.capi.testing.Vcsim;
import io.jenkins.plugins.capi.vsphere.ObjectContent;
import io.jenkins.plugins.capi.vsphere.VimClient;
import io.jenkins.plugins.capi.vsphere.VsphereTimeouts;
import io.jenkins.plugins.capi.vsphere.VsphereTls;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Real Packer (v1.9.4, vSphere plugin v1.4.2 or the bundled v1.1.1) in the KIB-like test image, run by
 * {@link ImageBuild} against the project's vCenter simulator. Each scenario checks the phases the log showed, the
 * diagnosis, the exit code and that Packer left no VM behind (read back from the simulator with core's own vSphere
 * client). The masked log of every run is kept under target/real-packer-logs for inspection.
 */
@ExtendWith(Vcsim.Available.class)
class RealPackerBuildTest {

    private static final String PASSWORD = Vcsim.PASSWORD;
    /** The base VM every clone starts from: one of the simulator's own VMs (it has a NIC to reconfigure). */
    private static final String BASE_VM = "/DC0/vm/DC0_H0_VM0";
    private static final Path LOGS = Path.of("target", "real-packer-logs");
    /** Run ids of this class; other suites may run containers on the same engine meanwhile. */
    private static final String RUN_PREFIX = "real-packer-";

    @TempDir
    Path tmp;
    private Vcsim sim;
    private final RecordedEvents events = new RecordedEvents();
    private final List<String> lines = events.lines;

    @BeforeEach
    void image() {
        PackerBuilder.assumeImage();
    }

    @AfterEach
    void nothingLeft() throws Exception {
        if (sim != null) {
            sim.close();
        }
        List<Container> left = Engine.client().listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(ContainerRunner.LABEL_TOOL, ContainerRunner.TOOL)).exec().stream()
                .filter(c -> c.getLabels() != null
                        && c.getLabels().getOrDefault(ContainerRunner.LABEL_RUN_ID, "").startsWith(RUN_PREFIX))
                .toList();
        assertThat(left).as("containers of these runs left after the test").isEmpty();
    }

    @Test
    void cloneAndConvertToTemplateSucceeds() throws Exception {
        sim = Vcsim.start();
        Map<String, String> before = vms();

        BuildOutcome outcome = build("rocky-8-clone", cloneConfig());

        assertThat(outcome).as(log()).isInstanceOf(BuildOutcome.Succeeded.class);
        assertThat(phases()).containsExactly(Phase.DEPENDENCIES, Phase.CREATE_VM, Phase.SHUTDOWN, Phase.TEMPLATE,
                Phase.MANIFEST, Phase.OVA, Phase.FINISHED);
        assertThat(lines).contains("==> vsphere-clone: Cloning virtual machine...",
                "==> vsphere-clone: Customizing hardware...",
                "==> vsphere-clone: Converting virtual machine to template...",
                "==> vsphere-clone: Running post-processor: packer-manifest (type manifest)",
                "==> vsphere-clone: Running post-processor: vsphere (type shell-local)");
        assertThat(lines).noneMatch(l -> l.contains("output will be in this color"));
        Path dir = tmp.resolve("output").resolve("rocky-8-clone");
        for (String f : List.of("packer-manifest.json", "rocky-8-clone.ovf", "rocky-8-clone-disk-0.vmdk",
                "rockylinux-8-kube-v1.30.4.ova", "rockylinux-8-kube-v1.30.4.ova.sha256")) {
            assertThat(dir.resolve(f)).exists();
        }
        assertThat(Files.readString(dir.resolve("packer-manifest.json"))).contains("\"builder_type\": \"vsphere-clone\"",
                "\"artifact_id\": \"rocky-8-clone\"");
        assertThat(newVms(before)).as("the only new VM is the template").containsExactly(Map.entry("rocky-8-clone", "template"));
        assertNoSecretAnywhere();
    }

    @Test
    void cloneWithTheBundledPluginUsesTheOlderWording() throws Exception {
        sim = Vcsim.start();
        Map<String, String> before = vms();

        BuildOutcome outcome = build("rocky-8-clone-bundled", cloneConfig("packer_vsphere_plugin=bundled"));

        assertThat(outcome).as(log()).isInstanceOf(BuildOutcome.Succeeded.class);
        assertThat(lines).contains("vSphere plugin: the one bundled with packer", "==> vsphere-clone: Cloning VM...",
                "==> vsphere-clone: Convert VM into template...");
        assertThat(phases()).containsExactly(Phase.DEPENDENCIES, Phase.CREATE_VM, Phase.SHUTDOWN, Phase.TEMPLATE,
                Phase.MANIFEST, Phase.OVA, Phase.FINISHED);
        assertThat(newVms(before)).containsExactly(Map.entry("rocky-8-clone-bundled", "template"));
        assertNoSecretAnywhere();
    }

    @ParameterizedTest(name = "plugin {0}")
    @CsvSource({"installed, timeout waiting for IP address", "bundled, Timeout waiting for IP."})
    void anIsoBuildUploadsTheIsoAndTimesOutWaitingForAnIp(String plugin, String timeoutLine) throws Exception {
        sim = Vcsim.start();
        Map<String, String> before = vms();

        BuildOutcome outcome = build("rocky-8-iso-" + plugin, isoConfig("packer_ip_wait_timeout=3s",
                "packer_vsphere_plugin=" + plugin));

        FailureHint hint = failed(outcome, "ip-timeout");
        assertThat(hint.evidence()).endsWith(timeoutLine);
        assertThat(hint.hint()).contains("vcenter_network", "iso_name");
        assertThat(phases()).containsExactly(Phase.DEPENDENCIES, Phase.ISO_UPLOAD, Phase.CREATE_VM, Phase.BOOT,
                Phase.OS_INSTALL, Phase.FAILED);
        assertThat(lines).anyMatch(l -> l.startsWith("Build 'vsphere-iso.vsphere' errored after "))
                .anyMatch(l -> l.endsWith(": Destroying VM..."));
        assertThat(newVms(before)).as("Packer destroyed its VM").isEmpty();
        assertNoSecretAnywhere();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "datastore|vcenter_datastore=NoSuchDatastore|vcenter-inventory|vcenter_datastore|installed",
        "network|vcenter_network=NoSuchNetwork|vcenter-inventory|vcenter_network|installed",
        "resource pool|vcenter_resource_pool=NoSuchPool|vcenter-inventory|vcenter_resource_pool|installed",
        "cluster|vcenter_cluster=NoSuchCluster|vcenter-inventory|vcenter_cluster|installed",
        "datacenter|vcenter_datacenter=NoSuchDatacenter|vcenter-inventory|vcenter_datacenter|installed",
        "base VM|vcenter_template=/DC0/vm/no-such-base|vcenter-template|vcenter_template|installed",
        "base VM, bundled plugin|vcenter_template=/DC0/vm/no-such-base|vcenter-template|vcenter_template|bundled",
        "untrusted TLS|packer_insecure_connection=false|vcenter-tls|vcenter_server|installed",
        "untrusted TLS, bundled plugin|packer_insecure_connection=false|vcenter-tls|vcenter_server|bundled"})
    void aWrongSettingFailsWithAHintNamingItsKey(String what, String setting, String category, String key,
                                                 String plugin) throws Exception {
        sim = Vcsim.start();
        Map<String, String> before = vms();

        BuildOutcome outcome = build("rocky-8-wrong-" + what.replaceAll("[^a-zA-Z]+", "-"),
                cloneConfig(setting, "packer_vsphere_plugin=" + plugin));

        FailureHint hint = failed(outcome, category);
        assertThat(hint.summary() + " " + hint.hint()).as(what).contains(key);
        assertThat(phases()).endsWith(Phase.FAILED).doesNotContain(Phase.TEMPLATE);
        assertThat(newVms(before)).isEmpty();
        assertNoSecretAnywhere();
    }

    @ParameterizedTest(name = "plugin {0}")
    @CsvSource({"installed", "bundled"})
    void aWrongPasswordNamesTheCredentialKeys(String plugin) throws Exception {
        sim = Vcsim.start();
        Map<String, String> before = vms();

        BuildOutcome outcome = build("rocky-8-login-" + plugin, cloneConfig("packer_vsphere_plugin=" + plugin),
                BuildSecrets.vcenter(Vcsim.USER, "Wr0ng-" + PASSWORD));

        FailureHint hint = failed(outcome, "vcenter-login");
        assertThat(hint.evidence()).endsWith("ServerFaultCode: Login failure");
        assertThat(hint.hint()).contains("vcenter_user", "vcenter_password");
        assertThat(newVms(before)).isEmpty();
        assertNoSecretAnywhere();
        assertThat(String.join("\n", lines)).doesNotContain("Wr0ng-");
    }

    @Test
    void anUnreachableVcenterNamesVcenterServer() throws Exception {
        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }

        BuildOutcome outcome = build("rocky-8-unreachable", config("127.0.0.1:" + closedPort,
                "vcenter_template=" + BASE_VM));

        FailureHint hint = failed(outcome, "vcenter-unreachable");
        assertThat(hint.evidence()).endsWith("connect: connection refused");
        assertThat(hint.summary()).contains("127.0.0.1:" + closedPort);
        assertThat(hint.hint()).contains("vcenter_server");
        assertNoSecretAnywhere();
    }

    @Test
    void aNameThatIsTakenFailsBeforeCloning() throws Exception {
        sim = Vcsim.start("-vm", "templates/rocky-8-taken");
        Map<String, String> before = vms();

        BuildOutcome outcome = build("rocky-8-taken", cloneConfig());

        FailureHint hint = failed(outcome, "vm-name-collision");
        assertThat(hint.evidence()).contains("templates/rocky-8-taken already exists");
        assertThat(hint.hint()).contains("image_name").doesNotContain("-force");
        assertThat(vms()).as("the existing VM is untouched, nothing added").isEqualTo(before);
        assertNoSecretAnywhere();
    }

    @Test
    void aManifestThatCannotBeWrittenIsNotBlamedOnTheOvaStep() throws Exception {
        sim = Vcsim.start();
        Map<String, String> before = vms();

        BuildOutcome outcome = build("rocky-8-no-manifest", cloneConfig("packer_create_output_dir=false"));

        FailureHint hint = failed(outcome, "manifest-post-processor");
        assertThat(hint.evidence()).contains("Unable to write /home/imagebuilder/output/rocky-8-no-manifest/packer-manifest.json");
        assertThat(hint.hint()).contains("image_name");
        // the OVA step runs all the same (its own chain) and fails too, as KIB's would without the folder
        assertThat(phases()).containsSubsequence(Phase.TEMPLATE, Phase.MANIFEST, Phase.OVA, Phase.FAILED);
        assertThat(newVms(before)).as("the template was made before the manifest failed")
                .containsExactly(Map.entry("rocky-8-no-manifest", "template"));
        assertNoSecretAnywhere();
    }

    /**
     * The stop path against real Packer under make as PID 1: a timeout must make Packer itself cancel, power off and
     * destroy its VM. SIGTERM to PID 1 alone (docker stop) ends only make's shell; Packer then prints nothing and its
     * VM stays powered on in vCenter.
     */
    @Test
    void aTimeoutCancelsPackerWhichDestroysItsVm() throws Exception {
        sim = Vcsim.start();
        Map<String, String> before = vms();
        String[] config = isoConfig("packer_ip_wait_timeout=10m");
        Path out = tmp.resolve("output");
        Path file = writeConfig("rocky-8-timeout", config);
        BuildRequest request = request(file, out, BuildSecrets.vcenter(Vcsim.USER, PASSWORD), Duration.ofSeconds(45));
        RunSpec spec = ((Preparation.Ready) ImageBuild.standard().prepare(request, events)).spec();

        ContainerResult result = new ContainerRunner(Engine.client()).run(spec, events);
        keepLog("rocky-8-timeout");

        assertThat(result.timedOut()).isTrue();
        assertThat(lines).as(log()).contains("==> vsphere-iso.vsphere: Waiting for IP...",
                "Cancelling build after receiving terminated", "==> vsphere-iso.vsphere: Destroying VM...",
                "Cleanly cancelled builds after being interrupted.");
        assertThat(lines).anyMatch(l -> l.matches("Build 'vsphere-iso.vsphere' errored after .*: context canceled"));
        FailureHint hint = result.hint().orElseThrow();
        assertThat(hint.category()).isEqualTo("cancelled");
        assertThat(hint.summary()).contains("time limit");
        assertThat(hint.hint()).contains("destroyed its build VM");
        assertThat(newVms(before)).as("Packer destroyed its VM").isEmpty();
        assertNoSecretAnywhere();
    }

    /** An abort (the caller interrupted) takes the same path: Packer cleans up before the container goes. */
    @Test
    void anAbortCancelsPackerWhichDestroysItsVm() throws Exception {
        sim = Vcsim.start();
        Map<String, String> before = vms();
        String[] config = isoConfig("packer_ip_wait_timeout=10m");
        java.util.concurrent.atomic.AtomicReference<Throwable> thrown = new java.util.concurrent.atomic.AtomicReference<>();
        Thread build = new Thread(() -> {
            try {
                build("rocky-8-abort", config);
            } catch (Throwable t) {
                thrown.set(t);
            }
        }, "real-packer-abort");
        build.start();
        long until = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!lines.contains("==> vsphere-iso.vsphere: Waiting for IP...") && System.nanoTime() < until
                && build.isAlive()) {
            Thread.sleep(100);
        }
        assertThat(lines).as(log()).contains("==> vsphere-iso.vsphere: Waiting for IP...");
        build.interrupt();
        build.join(Duration.ofSeconds(120).toMillis());
        keepLog("rocky-8-abort");

        assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
        assertThat(lines).as(log()).contains("Cancelling build after receiving terminated",
                "==> vsphere-iso.vsphere: Destroying VM...", "Cleanly cancelled builds after being interrupted.");
        assertThat(newVms(before)).as("Packer destroyed its VM").isEmpty();
        assertNoSecretAnywhere();
    }

    // ---- helpers ----

    private String[] cloneConfig(String... extra) {
        List<String> l = new ArrayList<>(List.of("vcenter_template=" + BASE_VM));
        l.addAll(List.of(extra));
        return config(sim.server(), l.toArray(String[]::new));
    }

    private String[] isoConfig(String... extra) throws IOException {
        Path out = Files.createDirectories(tmp.resolve("output"));
        Path isoFile = out.resolve("Rocky-8-test.iso");
        Files.write(isoFile, new byte[256 * 1024]);
        List<String> l = new ArrayList<>(List.of("iso_name=Rocky-8-test.iso", "iso_checksum=" + Sha256.of(isoFile)));
        l.addAll(List.of(extra));
        return config(sim.server(), l.toArray(String[]::new));
    }

    /** A valid imageconfig for the simulator's inventory; an {@code extra} line replaces the line of its key. */
    private static String[] config(String server, String... extra) {
        Map<String, String> lines = new java.util.LinkedHashMap<>();
        for (String l : List.of("os_version=rockylinux-8", "image_type=standard", "cloud_type=vmware",
                "k8s_version=1.30.4", "cni_version=1.3.0", "containerd_version=1.7.13", "crictl_version=1.28.0",
                "vcenter_server=" + server, "vcenter_datacenter=DC0", "vcenter_cluster=DC0_C0",
                "vcenter_resource_pool=", "vcenter_datastore=LocalDS_0", "vcenter_network='VM Network'",
                "vcenter_folder=templates", "airgap=false")) {
            lines.put(l.substring(0, l.indexOf('=')), l);
        }
        for (String l : extra) {
            lines.put(l.substring(0, l.indexOf('=')), l);
        }
        return lines.values().toArray(String[]::new);
    }

    private BuildOutcome build(String imageName, String[] config) throws Exception {
        return build(imageName, config, BuildSecrets.vcenter(Vcsim.USER, PASSWORD));
    }

    private BuildOutcome build(String imageName, String[] config, BuildSecrets secrets) throws Exception {
        Path out = Files.createDirectories(tmp.resolve("output"));
        BuildRequest request = request(writeConfig(imageName, config), out, secrets, Duration.ofMinutes(3));
        try {
            return ImageBuild.standard().run(request, events);
        } finally {
            keepLog(imageName);
        }
    }

    private Path writeConfig(String imageName, String[] config) throws IOException {
        Files.createDirectories(tmp.resolve("output"));
        return Files.writeString(tmp.resolve("imageconfig"), "image_name=" + imageName + "\n"
                + String.join("\n", config) + "\n", StandardCharsets.UTF_8);
    }

    private static BuildRequest request(Path file, Path out, BuildSecrets secrets, Duration timeout) {
        return BuildRequest.builder(file, out, RUN_PREFIX + UUID.randomUUID().toString().substring(0, 8))
                .builderImage(PackerBuilder.IMAGE).timeout(timeout).stopGrace(Duration.ofSeconds(30))
                .compatibility(CompatibilityMode.WARN).preflight(false).secrets(secrets).build();
    }

    private FailureHint failed(BuildOutcome outcome, String category) {
        assertThat(outcome).as(log()).isInstanceOf(BuildOutcome.Failed.class);
        BuildOutcome.Failed f = (BuildOutcome.Failed) outcome;
        assertThat(f.exitCode()).as("make's exit code after Packer's exit 1").isEqualTo(2);
        assertThat(f.hint()).as(log()).isNotNull();
        assertThat(f.hint().category()).as(log()).isEqualTo(category);
        assertThat(f.lastPhase()).isEqualTo(Phase.FAILED);
        assertThat(lines).anyMatch(l -> l.startsWith("make: *** [Makefile:"));
        return f.hint();
    }

    private List<Phase> phases() {
        return events.phases();
    }

    /** Every VM in the simulator: name to "template" or its power state. */
    private Map<String, String> vms() throws Exception {
        try (VimClient c = VimClient.connect(sim.server(), new VsphereTls(sim.caFile(), false), VsphereTimeouts.DEFAULT)) {
            c.login(Vcsim.USER, PASSWORD);
            Map<String, String> out = new TreeMap<>();
            for (ObjectContent o : c.findAll(c.serviceContent().rootFolder(), List.of("VirtualMachine"),
                    List.of("name", "config.template", "runtime.powerState"))) {
                out.put(o.name(), o.bool("config.template") ? "template" : o.text("runtime.powerState").orElse("?"));
            }
            return out;
        }
    }

    private Map<String, String> newVms(Map<String, String> before) throws Exception {
        Map<String, String> now = vms();
        now.keySet().removeAll(before.keySet());
        return now;
    }

    private void assertNoSecretAnywhere() throws IOException {
        assertThat(String.join("\n", lines)).doesNotContain(PASSWORD);
        assertThat(String.join("\n", events.infos)).doesNotContain(PASSWORD);
        assertThat(events.findings.toString()).doesNotContain(PASSWORD);
        SecretScan.assertNoFileContains(tmp, PASSWORD);
        SecretScan.assertNoFileContains(LOGS, PASSWORD);
    }

    private void keepLog(String imageName) throws IOException {
        Files.createDirectories(LOGS);
        Files.write(LOGS.resolve(imageName + ".log"), lines, StandardCharsets.UTF_8);
    }

    private String log() {
        return events.all();
    }
}
