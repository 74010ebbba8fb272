package io.jenkins.plugins.capi.customize;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Volume;
import io.jenkins.plugins.capi.container.ContainerRunner;
import io.jenkins.plugins.capi.container.ExecSequence;
import io.jenkins.plugins.capi.container.OutputFolder;
import io.jenkins.plugins.capi.logs.LogPipeline;
import io.jenkins.plugins.capi.logs.Phase;
import io.jenkins.plugins.capi.logs.SecretMasker;
import io.jenkins.plugins.capi.testing.FakeBuilder;
import io.jenkins.plugins.capi.testing.FakeCloneBuilder;
import io.jenkins.plugins.capi.testing.RecordedEvents;
import io.jenkins.plugins.capi.testing.SecretScan;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The RHSM workaround's exec sequence on the real engine, in the clone stand-in image: the container idles with
 * {@code sleep infinity}, the sed takes the credential check out of the role, and the clone make target runs
 * through the log pipeline. The vCenter password is planted in the imageconfig and must show up nowhere.
 */
class CloneBuildExecTest {

    static final String PASSWORD = FakeBuilder.PLANTED_PASSWORD;
    static final RhsmWorkaround WORKAROUND = new RhsmWorkaround("rockylinux-8");

    @TempDir
    Path dir;
    Path out;
    DockerClient docker;
    String runId;
    String containerId;
    final RecordedEvents events = new RecordedEvents();

    @BeforeEach
    void outputFolder() throws IOException {
        docker = FakeCloneBuilder.client();
        runId = "clone-test-" + UUID.randomUUID();
        out = dir.resolve("output");
        Files.createDirectories(out);
        Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rwxrwxrwx"));
    }

    @AfterEach
    void removeContainer() {
        if (containerId != null) {
            docker.removeContainerCmd(containerId).withForce(true).exec();
        }
        assertThat(FakeBuilder.containersOf(runId)).isEmpty();
    }

    private void imageconfig(String imageName) throws IOException {
        Files.writeString(out.resolve(OutputFolder.IMAGECONFIG), String.join("\n", "os_version=rockylinux-8",
                "image_name=" + imageName, "k8s_version=1.30.4", "vcenter_server=vcenter.lab.example.com",
                "vcenter_user=builder@vsphere.local", "vcenter_password='" + PASSWORD + "'",
                "vcenter_template=/Datacenter/vm/templates/rocky-8-base", "iso_name=", "iso_checksum=",
                "fake_step_seconds=0.02", ""));
    }

    /** Created as the runner creates the builder's container, with {@code command} instead of the start-up. */
    private void startContainer(List<String> command) {
        var create = docker.createContainerCmd(FakeCloneBuilder.IMAGE)
                .withName(ContainerRunner.containerName(runId))
                .withLabels(ContainerRunner.labels(runId, "builder"))
                .withEnv("PACKER_COLOR=false")
                .withHostConfig(HostConfig.newHostConfig().withNetworkMode("host")
                        .withBinds(new Bind(out.toString(), new Volume(OutputFolder.CONTAINER_PATH))));
        if (!command.isEmpty()) {
            create = create.withCmd(command);
        }
        containerId = create.exec().getId();
        docker.startContainerCmd(containerId).exec();
    }

    private ExecSequence.Result run(Duration timeout, Duration grace) throws InterruptedException {
        LogPipeline pipeline = new LogPipeline(SecretMasker.of(List.of(PASSWORD)), events, Clock.systemUTC(),
                Clock.systemUTC().instant());
        return new ExecSequence(docker, containerId, ContainerRunner.containerName(runId), events, Clock.systemUTC())
                .run(WORKAROUND.preparation(), WORKAROUND.build(), pipeline, timeout, grace);
    }

    private List<String> commandsReceived() throws IOException {
        return Files.readAllLines(out.resolve(FakeCloneBuilder.COMMAND_LOG));
    }

    private String fileInContainer(String path) throws IOException {
        try (InputStream in = docker.copyArchiveFromContainerCmd(containerId, path).exec();
             TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            tar.getNextEntry();
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            tar.transferTo(b);
            return b.toString(StandardCharsets.UTF_8);
        }
    }

    /** Only the idle command is left running in the container: no make, no packer. */
    private void assertNoBuildProcessLeft() {
        List<String> commands = new ArrayList<>();
        String[][] processes = docker.topContainerCmd(containerId).exec().getProcesses();
        for (String[] p : processes) {
            commands.add(p[p.length - 1]);
        }
        assertThat(commands).noneMatch(c -> c.contains("packer") || c.contains("make"));
        assertThat(commands).anyMatch(c -> c.contains("sleep infinity"));
    }

    @Test
    void theWorkaroundRunsTheCloneBuildThroughExecsWithTheLogPipeline() throws Exception {
        imageconfig("rocky-8");
        startContainer(WORKAROUND.idleCommand());
        ExecSequence.Result r = run(Duration.ofMinutes(2), Duration.ofSeconds(30));

        assertThat(r.succeeded()).as(events.transcript()).isTrue();
        assertThat(r.exitCode()).isZero();
        assertThat(r.lastPhase()).isEqualTo(Phase.FINISHED);
        assertThat(r.phaseTimings()).containsKeys(Phase.DEPENDENCIES, Phase.CREATE_VM, Phase.OS_INSTALL, Phase.SSH,
                Phase.PROVISIONING, Phase.VALIDATION, Phase.EXPORT, Phase.OVA);
        assertThat(commandsReceived()).containsExactly(
                "sleep infinity",
                "sed --in-place /Fail if RHSM_USER or RHSM_PASS/,/lookup.*RHSM_PASS.*length == 0/d " + RhsmWorkaround.TASKS_FILE,
                "make build-node-ova-vsphere-clone-rockylinux-8");
        String tasks = fileInContainer(RhsmWorkaround.TASKS_FILE);
        assertThat(tasks).doesNotContain("Fail if RHSM_USER").contains("Import the Rocky Linux GPG key", "Install the EPEL release package");
        assertThat(events.lines).noneMatch(l -> l.contains("Fail if RHSM_USER"));
        assertThat(out.resolve("rocky-8")).isDirectoryContaining("glob:**/rockylinux-8-kube-v1.30.4.ova")
                .isDirectoryContaining("glob:**/packer-manifest.json");

        assertThat(events.lines).anySatisfy(l -> assertThat(l).contains("-var password=****"));
        assertThat(events.transcript()).doesNotContain(PASSWORD);
        docker.removeContainerCmd(containerId).withForce(true).exec();
        containerId = null;
        Files.delete(out.resolve(OutputFolder.IMAGECONFIG)); // the runner's part: it holds the password
        SecretScan.assertNoFileContains(dir, PASSWORD);
    }

    @Test
    void withoutTheWorkaroundTheImagesOwnStartUpStopsOnTheRhsmCheck() throws Exception {
        imageconfig("rocky-8");
        startContainer(List.of());
        Integer code = docker.waitContainerCmd(containerId).start().awaitStatusCode(60, TimeUnit.SECONDS);
        StringBuilder log = new StringBuilder();
        docker.logContainerCmd(containerId).withStdOut(true).withStdErr(true).exec(new ResultCallback.Adapter<Frame>() {
            @Override
            public void onNext(Frame f) {
                log.append(new String(f.getPayload(), StandardCharsets.UTF_8));
            }
        }).awaitCompletion();
        assertThat(code).isNotZero();
        assertThat(log).contains("TASK [setup : Fail if RHSM_USER or RHSM_PASS is not set]",
                "Build 'vsphere-clone' errored");
    }

    @Test
    void abortSignalsPackerWhoseCleanUpEndsTheBuildWithinTheGracePeriod() throws Exception {
        imageconfig("rocky-8-sigterm");
        startContainer(WORKAROUND.idleCommand());
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread build = new Thread(() -> {
            try {
                run(Duration.ofMinutes(5), Duration.ofSeconds(30));
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        build.start();
        assertThat(events.awaitPhase(Phase.OS_INSTALL, Duration.ofSeconds(60))).as(events.transcript()).isTrue();
        long interruptedAt = System.nanoTime();
        build.interrupt();
        build.join(60_000);
        Duration stopping = Duration.ofNanos(System.nanoTime() - interruptedAt);

        assertThat(build.isAlive()).isFalse();
        assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
        assertThat(stopping).isLessThan(Duration.ofSeconds(20));
        assertThat(events.infos).anySatisfy(m -> assertThat(m).matches("Sent SIGTERM to pid \\d+ packer in container .*"));
        assertThat(events.lines).contains("Cancelling build after receiving terminated", "==> vsphere-clone: Destroying VM...",
                "packer exited with 1");
        assertNoBuildProcessLeft();
        assertThat(events.transcript()).doesNotContain(PASSWORD);
    }

    @Test
    void aPackerThatIgnoresSigtermGetsTheGracePeriodAndNoMore() throws Exception {
        imageconfig("rocky-8-sigterm-ignore");
        startContainer(WORKAROUND.idleCommand());
        Thread build = new Thread(() -> {
            try {
                run(Duration.ofMinutes(5), Duration.ofSeconds(2));
            } catch (Throwable ignored) {
                // the interrupt comes back as InterruptedException; the other test checks that
            }
        });
        build.start();
        assertThat(events.awaitPhase(Phase.OS_INSTALL, Duration.ofSeconds(60))).isTrue();
        long interruptedAt = System.nanoTime();
        build.interrupt();
        build.join(60_000);
        Duration stopping = Duration.ofNanos(System.nanoTime() - interruptedAt);
        assertThat(stopping).as(events.transcript())
                .isBetween(Duration.ofSeconds(2), Duration.ofSeconds(15));
        assertThat(events.infos).anySatisfy(m -> assertThat(m).contains("did not end within 2s; the container is killed"));
        // the container's owner kills and removes it; nothing of the build survives that
        docker.killContainerCmd(containerId).exec();
        docker.removeContainerCmd(containerId).withForce(true).exec();
        containerId = null;
    }

    @Test
    void theTimeoutStopsTheBuildLikeAnAbort() throws Exception {
        imageconfig("rocky-8-sigterm");
        startContainer(WORKAROUND.idleCommand());
        ExecSequence.Result r = run(Duration.ofSeconds(3), Duration.ofSeconds(30));
        assertThat(r.timedOut()).isTrue();
        assertThat(r.succeeded()).isFalse();
        assertThat(r.exitCode()).isNotZero();
        assertThat(events.lines).contains("Cancelling build after receiving terminated");
        assertNoBuildProcessLeft();
    }

    @Test
    void aBuilderWithoutTheRoleFileFailsBeforeTheBuildWithTheHintToTurnTheWorkaroundOff() throws Exception {
        imageconfig("rocky-8");
        startContainer(WORKAROUND.idleCommand());
        String rm = docker.execCreateCmd(containerId).withUser("0").withCmd("rm", RhsmWorkaround.TASKS_FILE).exec().getId();
        docker.execStartCmd(rm).start().awaitCompletion(30, TimeUnit.SECONDS);

        ExecSequence.Result r = run(Duration.ofMinutes(2), Duration.ofSeconds(30));
        assertThat(r.succeeded()).isFalse();
        assertThat(r.failedStep()).contains("remove the RHSM credential check");
        assertThat(r.hint()).hasValueSatisfying(h -> {
            assertThat(h.summary()).contains("ended with exit code").contains("the build was not started");
            assertThat(h.hint()).endsWith("run the build with the RHSM workaround off");
        });
        assertThat(commandsReceived()).noneMatch(c -> c.startsWith("make"));
        assertThat(out.resolve("rocky-8")).doesNotExist();
    }

    @Test
    void theBuildsOwnFailureIsItsExitCodeWithTheLogsHint() throws Exception {
        imageconfig("rocky-8-fail-goss");
        startContainer(WORKAROUND.idleCommand());
        ExecSequence.Result r = run(Duration.ofMinutes(2), Duration.ofSeconds(30));
        assertThat(r.exitCode()).isEqualTo(2); // make's "Error 1" from packer's exit 1
        assertThat(r.failedStep()).isEmpty();
        assertThat(r.lastPhase()).isEqualTo(Phase.FAILED);
        assertThat(r.hint()).hasValueSatisfying(h -> assertThat(h.evidence()).containsIgnoringCase("goss"));
    }
}
