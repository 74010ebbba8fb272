package io.jenkins.plugins.capi.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import io.jenkins.plugins.capi.logs.FailureHint;
import io.jenkins.plugins.capi.logs.Phase;
import io.jenkins.plugins.capi.logs.ProgressEvent;
import io.jenkins.plugins.capi.testing.Engine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The runner against the real engine and the fake builder (fake-builder/). */
class ContainerRunnerTest {

    /** Planted in every imageconfig; the fake builder echoes it like KIB does. */
    static final String PASSWORD = "Pl@nted-S3cret/" + UUID.randomUUID().toString().substring(0, 8);

    @TempDir
    Path tmp;
    DockerClient docker;
    ContainerRunner runner;
    RecordingListener listener = new RecordingListener();
    Path out;
    /** Where the runner makes the private folders of rendered imageconfigs (the host's temporary folder in use). */
    Path privateRoot;
    String runId;

    @BeforeEach
    void setUp() {
        docker = Engine.client();
        out = tmp.resolve("output");
        privateRoot = tmp.resolve("private");
        runner = new ContainerRunner(docker, Clock.systemUTC(), ContainerRunner.DEFAULT_ABANDONED_AFTER, privateRoot);
        runId = "test-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void noContainerOfOursIsLeft() {
        if (docker == null) {
            return;
        }
        // other suites share the engine: only this test's runs (their ids contain runId) are looked at
        List<Container> left = docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(ContainerRunner.LABEL_TOOL, ContainerRunner.TOOL)).exec().stream()
                .filter(c -> c.getLabels() != null && String.valueOf(c.getLabels().get(ContainerRunner.LABEL_RUN_ID))
                        .contains(runId))
                .toList();
        assertThat(left).as("containers of run %s after the test", runId).isEmpty();
    }

    static String config(String imageName, String... extra) {
        StringBuilder sb = new StringBuilder();
        sb.append("os_version=rockylinux-8\nimage_type=standard\nimage_name=").append(imageName).append('\n');
        sb.append("k8s_version=1.30.4\ncni_version=1.3.0\ncontainerd_version=1.7.13\n");
        sb.append("vcenter_server=vcenter.example.test\nvcenter_user=builder@vsphere.local\n");
        sb.append("vcenter_password='").append(PASSWORD).append("'\n");
        sb.append("iso_name=Rocky-8-latest-x86_64-dvd.iso\nfake_step_seconds=0.01\n");
        for (String e : extra) {
            sb.append(e).append('\n');
        }
        return sb.toString();
    }

    RunSpec spec(String imageName, String... extra) {
        return builder(imageName, extra).build();
    }

    RunSpec.Builder builder(String imageName, String... extra) {
        return RunSpec.builder(Engine.FAKE_IMAGE, out, config(imageName, extra), imageName, runId)
                .secrets(List.of(PASSWORD))
                .timeout(Duration.ofSeconds(60)).stopGrace(Duration.ofSeconds(10)).heartbeatInterval(Duration.ofSeconds(30));
    }

    @Test
    void successfulBuildWritesTheDocumentedOutputsAndReportsPhasesInOrder() throws Exception {
        ContainerResult r = runner.run(spec("rocky-8"), listener);

        assertThat(r.exitCode()).isZero();
        assertThat(r.succeeded()).isTrue();
        assertThat(r.hint()).isEmpty();
        assertThat(r.lastPhase()).isEqualTo(Phase.FINISHED);
        assertThat(r.imageId()).startsWith("sha256:");
        Path dir = out.resolve("rocky-8");
        assertThat(dir.resolve("packer-manifest.json")).content().contains("\"last_run_uuid\"", "\"builds\"");
        assertThat(dir.resolve("rocky-8-disk-0.vmdk")).exists();
        assertThat(dir.resolve("rocky-8.ovf")).exists();
        for (String ext : List.of("ovf", "mf", "ova", "ova.sha256")) {
            assertThat(dir.resolve("rockylinux-8-kube-v1.30.4." + ext)).exists();
        }
        assertThat(Files.readString(dir.resolve("rockylinux-8-kube-v1.30.4.ova.sha256"))).matches("[0-9a-f]{64}");

        List<Phase> phases = listener.progress.stream().filter(p -> !p.heartbeat()).map(ProgressEvent::phase)
                .distinct().toList();
        assertThat(phases).containsSubsequence(Phase.DEPENDENCIES, Phase.ISO_UPLOAD, Phase.CREATE_VM, Phase.BOOT,
                Phase.OS_INSTALL, Phase.SSH, Phase.PROVISIONING, Phase.VALIDATION, Phase.SHUTDOWN, Phase.EXPORT,
                Phase.OVA, Phase.FINISHED);
        assertThat(listener.progress).anyMatch(p -> "containerd".equals(p.role()) && p.tasksSeen() >= 5);
        assertThat(r.phaseTimings().keySet()).startsWith(Phase.STARTING).contains(Phase.PROVISIONING, Phase.FINISHED);

        assertThat(out.resolve("imageconfig")).doesNotExist();
        assertSecretNowhere();
        assertOwnedByUs(out);
    }

    @Test
    void legacyWordingIsFollowedToo() throws Exception {
        ContainerResult r = runner.run(spec("rocky-8-legacy"), listener);

        assertThat(r.exitCode()).isZero();
        assertThat(listener.lines).contains("==> vsphere-iso.vsphere: Creating VM...",
                "==> vsphere-iso.vsphere: Power on VM...");
        assertThat(listener.progress.stream().map(ProgressEvent::phase).distinct())
                .containsSubsequence(Phase.CREATE_VM, Phase.BOOT, Phase.OS_INSTALL, Phase.PROVISIONING, Phase.EXPORT,
                        Phase.FINISHED);
        assertSecretNowhere();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "rocky-8-fail-ip-timeout, ip-timeout, OS_INSTALL",
        "rocky-8-fail-ip-timeout-legacy, ip-timeout, OS_INSTALL",
        "rocky-8-fail-vcenter-login, vcenter-login, DEPENDENCIES",
        "rocky-8-fail-ansible, ansible-task, PROVISIONING",
        "rocky-8-fail-ova, ova-post-processor, OVA"})
    void everyFailureModeGetsItsHint(String imageName, String category, Phase lastBeforeFailure) throws Exception {
        ContainerResult r = runner.run(spec(imageName), listener);

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.lastPhase()).isEqualTo(Phase.FAILED);
        assertThat(r.phaseTimings()).containsKey(lastBeforeFailure);
        FailureHint hint = r.hint().orElseThrow();
        assertThat(hint.category()).isEqualTo(category);
        assertThat(hint.hint()).isNotBlank();
        assertThat(hint.evidence()).isNotBlank().doesNotContain(PASSWORD);
        if (category.equals("ansible-task")) {
            assertThat(hint.summary()).contains("containerd : download containerd");
        }
        assertThat(out.resolve("imageconfig")).doesNotExist();
        assertSecretNowhere();
    }

    @Test
    void interruptingTheCallerStopsGracefullyRemovesTheContainerAndDeletesTheImageConfig() throws Exception {
        BackgroundRun build = BackgroundRun.start(runner, spec("rocky-8-sigterm-cleanup"), listener);
        awaitPhase(Phase.OS_INSTALL);
        assertThat(privateConfigs()).hasSize(1);

        build.abort();

        assertThat(build.alive()).isFalse();
        assertThat(build.thrown()).isInstanceOf(InterruptedException.class);
        assertThat(build.interruptedAfter()).as("interrupt flag restored").isTrue();
        assertThat(docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(ContainerRunner.LABEL_RUN_ID, runId)).exec()).isEmpty();
        assertThat(out.resolve("imageconfig")).doesNotExist();
        assertNoPrivateConfigLeft();
        assertThat(listener.lines).contains("==> vsphere-iso.vsphere: Destroying VM...");
        assertSecretNowhere();
    }

    @Test
    void theRenderedImageConfigNeverEntersTheOutputFolderAndIsReadableOnlyByTheContainersUser() throws Exception {
        BackgroundRun build = BackgroundRun.start(runner, spec("rocky-8-sigterm-cleanup"), listener);
        awaitPhase(Phase.OS_INSTALL);

        // the builder read the rendered config: it echoed the planted password (masked) on its packer line
        assertThat(listener.lines).anyMatch(l -> l.startsWith("packer build ") && l.contains("password=****"));
        assertNoFileBelowContains(out, PASSWORD);
        assertThat(out.resolve("imageconfig")).as("only the engine's empty mount point").isEmptyFile();
        Path dir = privateConfigs().get(0);
        assertThat(dir.getParent()).isEqualTo(privateRoot);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
        Path file = dir.resolve("imageconfig");
        assertThat(file).content().contains(PASSWORD);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("r--------");
        assertThat(Files.getAttribute(file, "unix:uid")).as("owned by the image's user imagebuilder").isEqualTo(1000);
        assertThat(docker.inspectContainerCmd(ContainerRunner.containerName(runId)).exec().getMounts())
                .anySatisfy(m -> {
                    assertThat(m.getDestination().getPath()).isEqualTo("/home/imagebuilder/output/imageconfig");
                    assertThat(m.getRW()).isFalse();
                });

        assertThat(build.abort().thrown()).isInstanceOf(InterruptedException.class);
        assertNoPrivateConfigLeft();
        assertThat(out.resolve("imageconfig")).doesNotExist();
        assertNoFileBelowContains(out, PASSWORD);
    }

    @Test
    void timeoutStopsWithSigtermAndReportsTimedOut() throws Exception {
        RunSpec s = builder("rocky-8-sigterm-cleanup").timeout(Duration.ofSeconds(2)).build();
        ContainerResult r = runner.run(s, listener);

        assertThat(r.timedOut()).isTrue();
        assertThat(r.succeeded()).isFalse();
        assertThat(r.exitCode()).as("Packer's exit 1 after the cancel, then make's 2").isEqualTo(2);
        assertThat(listener.lines).contains("==> vsphere-iso.vsphere: Destroying VM...");
        assertThat(out.resolve("imageconfig")).doesNotExist();
    }

    @Test
    void aBuilderThatIgnoresSigtermIsKilledAfterTheGracePeriod() throws Exception {
        RunSpec s = builder("rocky-8-sigterm-ignore").timeout(Duration.ofSeconds(1)).stopGrace(Duration.ofSeconds(2))
                .build();
        Instant t0 = Instant.now();
        ContainerResult r = runner.run(s, listener);

        assertThat(r.timedOut()).isTrue();
        assertThat(r.exitCode()).isEqualTo(137);
        assertThat(Duration.between(t0, Instant.now())).isGreaterThanOrEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void silenceProducesHeartbeatsNamingThePhase() throws Exception {
        RunSpec s = builder("rocky-8-silent", "fake_silence_seconds=3").heartbeatInterval(Duration.ofMillis(800))
                .build();
        ContainerResult r = runner.run(s, listener);

        assertThat(r.exitCode()).isZero();
        assertThat(listener.progress).filteredOn(ProgressEvent::heartbeat).isNotEmpty()
                .allMatch(p -> p.phase() == Phase.OS_INSTALL)
                .anyMatch(p -> p.message().startsWith("still waiting for IP for ")
                        && p.silentFor().compareTo(Duration.ofMillis(800)) >= 0);
    }

    @Test
    void anEarlierRunsOutputIsMovedAside() throws Exception {
        Path stale = out.resolve("rocky-8");
        Files.createDirectories(stale);
        Files.writeString(stale.resolve("old.txt"), "from last week");

        ContainerResult r = runner.run(spec("rocky-8"), listener);

        assertThat(r.exitCode()).isZero();
        assertThat(stale.resolve("old.txt")).doesNotExist();
        try (Stream<Path> s = Files.list(out)) {
            Path moved = s.filter(p -> p.getFileName().toString().startsWith("rocky-8.stale-")).findFirst().orElseThrow();
            assertThat(moved.resolve("old.txt")).hasContent("from last week");
        }
        assertThat(listener.infos).anyMatch(i -> i.startsWith("Moved the earlier run's output aside to "));
    }

    @Test
    void anEarlierRunsOutputIsRefusedWhenAsked() throws Exception {
        Files.createDirectories(out.resolve("rocky-8"));

        assertThatThrownBy(() -> runner.run(builder("rocky-8").stalePolicy(StalePolicy.REFUSE).build(), listener))
                .isInstanceOf(ContainerRunException.class)
                .hasMessageContaining(out.resolve("rocky-8").toString())
                .hasMessageContaining("earlier run");
        assertThat(listing(out)).containsExactly("rocky-8");
        assertNoPrivateConfigLeft();
    }

    @Test
    void aUsersOwnImageConfigInTheOutputFolderIsNeitherReadNorChanged() throws Exception {
        Files.createDirectories(out);
        Path mine = out.resolve("imageconfig");
        Files.writeString(mine, "# the vendor's layout: my config lives here\nimage_name=mine\n");
        Files.setLastModifiedTime(mine, java.nio.file.attribute.FileTime.fromMillis(1_700_000_000_000L));

        ContainerResult r = runner.run(spec("rocky-8"), listener);

        assertThat(r.exitCode()).isZero();
        assertThat(out.resolve("rocky-8/packer-manifest.json")).as("the builder saw the rendered config").exists();
        assertThat(out.resolve("mine")).doesNotExist();
        assertThat(mine).hasContent("# the vendor's layout: my config lives here\nimage_name=mine");
        assertThat(Files.getLastModifiedTime(mine).toMillis()).isEqualTo(1_700_000_000_000L);
        assertThat(listener.infos).anyMatch(i -> i.contains("holds its own imageconfig"));
        assertSecretNowhere();
    }

    @Test
    void theFolderIsOpenedOnlyWhileTheContainerRunsAndPutBackAfterwards() throws Exception {
        Files.createDirectories(out);
        Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rwxr-x---"));
        AtomicReference<String> modeWhileRunning = new AtomicReference<>();
        RecordingListener watching = new RecordingListener() {
            @Override
            public void logLine(String line) {
                super.logLine(line);
                if (line.contains("Waiting for IP")) {
                    modeWhileRunning.set(modeOf(out));
                }
            }
        };

        ContainerResult r = runner.run(spec("rocky-8"), watching);

        assertThat(r.exitCode()).isZero();
        assertThat(modeWhileRunning.get()).isEqualTo("rwxrwxrwx");
        assertThat(modeOf(out)).isEqualTo("rwxr-x---");
        assertThat(watching.infos).anyMatch(i -> i.startsWith("Opened output folder " + out + " to mode rwxrwxrwx"))
                .anyMatch(i -> i.equals("Put output folder " + out + " back to mode rwxr-x---"));
    }

    @Test
    void aSecondBuildOnTheSameFolderIsRefusedBeforeItChangesAnything() throws Exception {
        BackgroundRun first = BackgroundRun.start(runner, spec("rocky-8-sigterm-cleanup"), listener);
        awaitPhase(Phase.OS_INSTALL);
        List<String> before = listing(out);
        String secondRun = runId + "-second";
        try {
            assertThatThrownBy(() -> runner.run(RunSpec.builder(Engine.FAKE_IMAGE, out, config("rocky-9"), "rocky-9",
                    secondRun).build(), new RecordingListener()))
                    .isInstanceOfSatisfying(ContainerRunException.class, e -> {
                        assertThat(e.kind()).isEqualTo(ContainerRunException.Kind.OUTPUT_FOLDER_IN_USE);
                        assertThat(e.reason()).contains(out.toString(), "in use by another build", runId);
                        assertThat(e.hint()).contains("wait for that build to end");
                    });
            assertThat(listing(out)).isEqualTo(before);
            assertThat(docker.listContainersCmd().withShowAll(true)
                    .withLabelFilter(Map.of(ContainerRunner.LABEL_RUN_ID, secondRun)).exec()).isEmpty();
        } finally {
            first.abort();
        }
    }

    @Test
    void aContainerOnThisFolderWhoseBuildStillRunsIsRefusedWithTheCommandThatRemovesIt() throws Exception {
        String otherRun = "other-" + runId;
        // pid 1 of this host runs: the container's build cannot be shown to be gone
        containerOnTheFolder(otherRun, Engine.FAKE_IMAGE, 1);
        List<String> before = listing(out);

        ContainerRunException refused = null;
        try {
            runner.run(spec("rocky-8"), listener);
        } catch (ContainerRunException e) {
            refused = e;
        }

        assertThat(refused).isNotNull();
        assertThat(refused.kind()).isEqualTo(ContainerRunException.Kind.OUTPUT_FOLDER_IN_USE);
        assertThat(refused.reason()).contains(ContainerRunner.containerName(otherRun), "pid 1", "still runs");
        String command = "docker rm -f " + ContainerRunner.containerName(otherRun);
        assertThat(refused.hint()).contains(command);
        assertThat(listing(out)).isEqualTo(before);

        // the hint, applied, lets the build run
        Process rm = new ProcessBuilder(command.split(" ")).redirectErrorStream(true).start();
        assertThat(rm.waitFor()).isZero();
        assertThat(runner.run(spec("rocky-8"), listener).exitCode()).isZero();
    }

    @Test
    void aContainerOnThisFolderWhoseBuildIsGoneIsStoppedSoPackerCleansUpThenRemoved() throws Exception {
        String killedRun = "killed-" + runId;
        Engine.clientWithPid1Images();
        String id = containerOnTheFolder(killedRun, Engine.PID1_MAKE_IMAGE, deadPid());
        docker.startContainerCmd(id).exec();
        awaitLog(id, "Waiting for IP...");

        ContainerResult r = runner.run(spec("rocky-8"), listener);

        assertThat(r.exitCode()).isZero();
        assertThat(listener.infos).anyMatch(i -> i.startsWith("Container " + ContainerRunner.containerName(killedRun)
                + " (running) of run " + killedRun + " uses this output folder and the build that started it is gone"))
                .anyMatch(i -> i.startsWith("Sent SIGTERM to packer (pid "));
        assertThat(docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(ContainerRunner.LABEL_RUN_ID, killedRun)).exec()).isEmpty();
    }

    @Test
    void atMostTheLastMovedAsideCopyOfAnEarlierRunIsKept() throws Exception {
        for (int i = 0; i < 4; i++) {
            assertThat(runner.run(spec("rocky-8"), listener).exitCode()).isZero();
        }

        try (Stream<Path> s = Files.list(out)) {
            assertThat(s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("rocky-8")))
                    .hasSize(2).contains("rocky-8").anyMatch(n -> n.startsWith("rocky-8.stale-"));
        }
        assertThat(io.jenkins.plugins.capi.metadata.OutputScanner.buildFolders(out)).containsExactly("rocky-8");
        assertThat(listener.infos).filteredOn(i -> i.startsWith("Deleted the older copy ")).hasSize(2);
    }

    @Test
    void anExternalIsoIsMountedReadOnlyUnderItsIsoName() throws Exception {
        Path iso = tmp.resolve("isos/Rocky-8-latest-x86_64-dvd.iso");
        Files.createDirectories(iso.getParent());
        byte[] content = "not really an ISO, but its bytes are checked".getBytes(StandardCharsets.UTF_8);
        Files.write(iso, content);
        // world-writable on the host: only the read-only mount can stop the builder writing
        Files.setPosixFilePermissions(iso, java.nio.file.attribute.PosixFilePermissions.fromString("rw-rw-rw-"));
        String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(content));

        ContainerResult r = runner.run(builder("rocky-8", "iso_name=Rocky-8-latest-x86_64-dvd.iso")
                .iso(iso, "Rocky-8-latest-x86_64-dvd.iso").build(), listener);

        assertThat(r.exitCode()).isZero();
        assertThat(listener.lines).contains("    vsphere-iso.vsphere: ISO Rocky-8-latest-x86_64-dvd.iso: " + content.length
                + " bytes, sha256 " + sha + ", writable=no");
        assertThat(out.resolve("Rocky-8-latest-x86_64-dvd.iso")).as("mount point placeholder removed").doesNotExist();
        assertThat(iso).hasBinaryContent(content);
    }

    @Test
    void aHundredMegabytesOfLogStreamThroughWithBoundedLines() throws Exception {
        long before = usedHeap();
        ContainerResult r = runner.run(spec("rocky-8-log-flood", "fake_log_mb=100"), listener.countingOnly());

        assertThat(r.exitCode()).isZero();
        assertThat(r.logLines()).isGreaterThan(1_000_000);
        assertThat(listener.counted).isEqualTo(r.logLines());
        assertThat(listener.longest).isLessThanOrEqualTo(io.jenkins.plugins.capi.logs.LogPipeline.DEFAULT_MAX_LINE_CHARS + 64);
        assertThat(usedHeap() - before).as("heap growth after streaming 100 MB").isLessThan(64L << 20);
    }

    @Test
    void leftoversOfEarlierRunsAreReaped() throws Exception {
        String oldRun = "old-" + runId;
        docker.createContainerCmd(Engine.FAKE_IMAGE).withName(ContainerRunner.containerName(oldRun))
                .withLabels(ContainerRunner.labels(oldRun, "builder")).exec();
        docker.createContainerCmd(Engine.FAKE_IMAGE).withName(ContainerRunner.containerName(runId))
                .withLabels(ContainerRunner.labels(runId, "builder")).exec();

        // an engine clock ahead by an hour: the other run's container counts as abandoned
        ContainerRunner later = new ContainerRunner(docker, Clock.offset(Clock.systemUTC(), Duration.ofHours(1)),
                Duration.ofMinutes(10), privateRoot);
        ContainerResult r = later.run(spec("rocky-8"), listener);

        assertThat(r.exitCode()).isZero();
        assertThat(listener.infos).filteredOn(i -> i.startsWith("Removing leftover container") && i.contains(runId))
                .hasSize(2);
    }

    @Test
    void aParallelRunsFreshContainerIsNotReaped() throws Exception {
        String otherRun = "parallel-" + runId;
        String other = docker.createContainerCmd(Engine.FAKE_IMAGE).withName(ContainerRunner.containerName(otherRun))
                .withLabels(ContainerRunner.labels(otherRun, "builder")).exec().getId();
        try {
            ContainerResult r = runner.run(spec("rocky-8"), listener);

            assertThat(r.exitCode()).isZero();
            assertThat(docker.inspectContainerCmd(other).exec().getId()).isEqualTo(other);
            assertThat(listener.infos).noneMatch(i -> i.startsWith("Removing leftover container"));
        } finally {
            docker.removeContainerCmd(other).withForce(true).exec();
        }
    }

    @Test
    void planDescribesTheContainerWithoutRunningAnything() {
        Path iso = tmp.resolve("x.iso");
        ContainerPlan plan = runner.plan(builder("rocky-8").iso(iso, "x.iso").build());

        assertThat(plan.containerName()).isEqualTo(ContainerRunner.containerName(runId));
        assertThat(plan.networkMode()).isEqualTo("host");
        assertThat(plan.user()).isEqualTo("imagebuilder");
        assertThat(plan.imageSource()).startsWith("present locally, sha256:");
        assertThat(plan.mounts()).containsExactly(
                new ContainerPlan.Mount(out.toString(), "/home/imagebuilder/output", false),
                new ContainerPlan.Mount(privateRoot.resolve("capi-imageconfig-<random>/imageconfig").toString(),
                        "/home/imagebuilder/output/imageconfig", true),
                new ContainerPlan.Mount(iso.toString(), "/home/imagebuilder/output/x.iso", true));
        assertThat(plan.envNames()).containsExactly("PACKER_COLOR");
        assertThat(plan.labels()).containsEntry(ContainerRunner.LABEL_RUN_ID, runId);
        assertThat(String.join("\n", plan.describe())).doesNotContain(PASSWORD).contains("imageconfig");
        assertThat(out).doesNotExist();
    }

    @Test
    void aNonRootToolGetsTheContainersFilesBackThroughAHelperContainer() throws Exception {
        Path f = out.resolve("rocky-8/made-by-container.txt");
        Files.createDirectories(f.getParent());
        Files.writeString(f, "x");
        for (Path p : List.of(f, f.getParent())) {
            Files.setAttribute(p, "unix:uid", 1000);
            Files.setAttribute(p, "unix:gid", 1000);
        }
        OutputFolder folder = new OutputFolder(out);
        BuilderImage image = BuilderImage.local(docker, Engine.FAKE_IMAGE).orElseThrow();

        ContainerRun.chownWithHelperContainer(docker, folder, image, runId, 4321, 4322, listener);

        assertThat(Files.getAttribute(f, "unix:uid")).isEqualTo(4321);
        assertThat(Files.getAttribute(f, "unix:gid")).isEqualTo(4322);
        assertThat(Files.getAttribute(f.getParent(), "unix:uid")).isEqualTo(4321);
        assertThat(listener.infos).noneMatch(i -> i.startsWith("WARNING"));
    }

    @Test
    void containerNamesAreDeterministicAndValid() {
        assertThat(ContainerRunner.containerName("job-7")).isEqualTo("capi-build-job-7");
        String odd = ContainerRunner.containerName("folder/job name #12");
        assertThat(odd).matches("capi-build-[a-zA-Z0-9][a-zA-Z0-9_.-]*")
                .isEqualTo(ContainerRunner.containerName("folder/job name #12"))
                .isNotEqualTo(ContainerRunner.containerName("folder/job name #13"));
    }

    @Test
    void anAirGappedArchiveThatLoadsAsLocalhostTagIsRetaggedToTheRequestedReference() throws Exception {
        String loadedAs = "localhost/v4.6.99-test:latest";
        String wanted = "localhost/capi-builder:v4.6.99-test";
        Path archive = tmp.resolve("capi-builder-v4.6.99-test.tar");
        docker.tagImageCmd(Engine.FAKE_IMAGE, "localhost/v4.6.99-test", "latest").exec();
        try {
            Process save = new ProcessBuilder("docker", "save", "-o", archive.toString(), loadedAs)
                    .redirectErrorStream(true).start();
            assertThat(save.waitFor()).as(new String(save.getInputStream().readAllBytes())).isZero();
            docker.removeImageCmd(loadedAs).exec();
            removeQuietly(wanted);

            ContainerResult r = runner.run(RunSpec.builder(wanted, out, config("rocky-8"), "rocky-8", runId)
                    .imageArchive(archive).secrets(List.of(PASSWORD))
                    .timeout(Duration.ofSeconds(60)).stopGrace(Duration.ofSeconds(5)).build(), listener);

            assertThat(r.exitCode()).isZero();
            assertThat(listener.infos).anyMatch(i -> i.equals("Archive loaded as " + loadedAs + "; tagging it " + wanted));
            assertThat(docker.inspectImageCmd(wanted).exec().getId()).isEqualTo(r.imageId());
        } finally {
            removeQuietly(wanted);
            removeQuietly(loadedAs);
        }
    }

    @Test
    void aMissingImageThatCannotBePulledFailsClearlyAndLeavesNothing() throws Exception {
        assertThatThrownBy(() -> runner.run(RunSpec.builder("localhost:1/no-such/builder:v0", out, config("rocky-8"),
                "rocky-8", runId).build(), listener))
                .isInstanceOfSatisfying(ContainerRunException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ContainerRunException.Kind.IMAGE_UNAVAILABLE);
                    assertThat(e.reason()).startsWith("Cannot pull the builder image localhost:1/no-such/builder:v0: ")
                            .contains("connection refused").doesNotContain("\n");
                    assertThat(e.hint()).contains("image reference", "registry credentials", "archive");
                    assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("Status 500");
                    assertThat(e.getCause()).isNull();
                });
        assertThat(out.resolve("imageconfig")).doesNotExist();
        assertNoPrivateConfigLeft();
    }

    @Test
    void anUnreachableEngineIsNamedInTheError() throws Exception {
        RunSpec s = builder("rocky-8").dockerHost("unix:///nonexistent/docker.sock").build();
        try (DockerClient absent = EngineConnection.open(s.dockerHost())) {
            assertThatThrownBy(() -> new ContainerRunner(absent).run(s, listener))
                    .isInstanceOfSatisfying(ContainerRunException.class, e -> {
                        assertThat(e.kind()).isEqualTo(ContainerRunException.Kind.ENGINE_UNREACHABLE);
                        assertThat(e.reason()).contains("unix:///nonexistent/docker.sock", "does not exist");
                        assertThat(e.hint()).contains("start the Docker engine", "DOCKER_HOST");
                    });
        }
        assertThat(out).doesNotExist();
    }

    private List<Path> privateConfigs() throws IOException {
        if (!Files.isDirectory(privateRoot)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(privateRoot)) {
            return s.filter(p -> p.getFileName().toString().startsWith("capi-imageconfig-")).toList();
        }
    }

    private void assertNoPrivateConfigLeft() throws IOException {
        assertThat(privateConfigs()).as("private folders of rendered imageconfigs").isEmpty();
    }

    /** Every file below {@code root}, by name, without opening any (opening the folder's lock file would release it). */
    private static void assertNoFileBelowContains(Path root, String secret) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                if (f.getFileName().toString().equals(FolderLock.FILE)) {
                    continue;
                }
                assertThat(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)).as("contents of %s", f)
                        .doesNotContain(secret);
            }
        }
    }

    static List<String> listing(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> !p.equals(dir)).map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    static String modeOf(Path p) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A container labelled as a build of run {@code run} by process {@code ownerPid} of this host on the folder. */
    private String containerOnTheFolder(String run, String image, long ownerPid) throws IOException {
        Files.createDirectories(out);
        Map<String, String> labels = ContainerRunner.labels(run, "builder");
        labels.put(ContainerRunner.LABEL_OUTPUT_DIR, out.toRealPath().toString());
        labels.put(ContainerRunner.LABEL_OWNER, ownerPid + "@" + HostProcess.current().host());
        return docker.createContainerCmd(image).withName(ContainerRunner.containerName(run)).withLabels(labels).exec()
                .getId();
    }

    /** The pid of a process that has ended. */
    static long deadPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        return p.pid();
    }

    private void awaitLog(String containerId, String text) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            Process logs = new ProcessBuilder("docker", "logs", containerId).redirectErrorStream(true).start();
            String seen = new String(logs.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            logs.waitFor();
            if (seen.contains(text)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("container " + containerId + " never logged " + text);
    }

    private void removeQuietly(String image) {
        try {
            docker.removeImageCmd(image).exec();
        } catch (RuntimeException e) {
            // not there
        }
    }

    private void awaitPhase(Phase phase) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (listener.progress.stream().noneMatch(p -> p.phase() == phase)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("phase " + phase + " not reached; lines: " + listener.lines);
            }
            Thread.sleep(20);
        }
    }

    /** The planted secret is in no line, message or file the run left behind. */
    private void assertSecretNowhere() throws IOException {
        String b64 = Base64.getEncoder().encodeToString(PASSWORD.getBytes(StandardCharsets.UTF_8));
        assertThat(listener.everything()).isNotEmpty().noneMatch(s -> s.contains(PASSWORD) || s.contains(b64));
        assertThat(listener.lines).as("the echoed password, masked").anyMatch(l -> l.contains("password=****"));
        if (Files.exists(out)) {
            assertNoFileBelowContains(out, PASSWORD);
        }
    }

    private static void assertOwnedByUs(Path dir) throws IOException {
        Path probe = Files.createTempFile(dir, "probe", "");
        Object us = Files.getAttribute(probe, "unix:uid");
        Files.delete(probe);
        List<Path> foreign = new ArrayList<>();
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.toList()) {
                if (!Files.getAttribute(p, "unix:uid").equals(us)) {
                    foreign.add(p);
                }
            }
        }
        assertThat(foreign).as("files not owned by uid %s", us).isEmpty();
    }

    private static long usedHeap() {
        System.gc();
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }
}
