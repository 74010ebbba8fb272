package io.jenkins.plugins.capi.container;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import io.jenkins.plugins.capi.testing.Engine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Abort and timeout reach Packer whatever PID 1 is: the stand-ins of fake-builder/pid1 run make (as upstream KIB's
 * image) or a shell without a trap as PID 1, with a child that cleans up only on SIGTERM to itself, as Packer does.
 */
class PackerStopTest {

    /** What Packer prints when SIGTERM reaches it, in this order. */
    static final List<String> CLEAN_UP = List.of(
            "Cancelling build after receiving terminated",
            "==> vsphere-iso.vsphere: Powering off virtual machine...",
            "==> vsphere-iso.vsphere: Destroying VM...",
            "Build 'vsphere-iso.vsphere' errored after 1 second 12 milliseconds: context canceled",
            "Cleanly cancelled builds after being interrupted.");

    @TempDir
    Path tmp;
    DockerClient docker;
    ContainerRunner runner;
    RecordingListener listener = new RecordingListener();
    String runId;

    @BeforeEach
    void setUp() {
        docker = Engine.clientWithPid1Images();
        runner = new ContainerRunner(docker, Clock.systemUTC(), ContainerRunner.DEFAULT_ABANDONED_AFTER,
                tmp.resolve("private"));
        runId = "pid1-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void noContainerOfThisRunIsLeft() {
        assertThat(containersOf(runId)).isEmpty();
    }

    RunSpec spec(String image) {
        return RunSpec.builder(image, tmp.resolve("output"), "image_name=rocky-8\n", "rocky-8", runId)
                .timeout(Duration.ofMinutes(2)).stopGrace(Duration.ofSeconds(30)).build();
    }

    @ParameterizedTest(name = "PID 1 of {0}")
    @ValueSource(strings = {Engine.PID1_MAKE_IMAGE, Engine.PID1_SH_IMAGE})
    void anAbortSignalsPackerItselfAndItsCleanUpArrivesInTheLog(String image) throws Exception {
        BackgroundRun build = BackgroundRun.start(runner, spec(image), listener);
        awaitLine("==> vsphere-iso.vsphere: Waiting for IP...");
        Instant aborted = Instant.now();

        build.abort();

        assertThat(build.alive()).isFalse();
        assertThat(build.thrown()).isInstanceOf(InterruptedException.class);
        assertThat(listener.lines).as("infos %s", listener.infos).containsSubsequence(CLEAN_UP);
        assertThat(listener.infos).anyMatch(i -> i.matches("Sent SIGTERM to packer \\(pid \\d+ packer\\) in container "
                + ContainerRunner.containerName(runId) + "; waiting up to 30s .*"));
        assertThat(Duration.between(aborted, Instant.now())).as("Packer's clean-up ended it, not the kill")
                .isLessThan(Duration.ofSeconds(20));
        assertThat(containersOf(runId)).isEmpty();
    }

    @ParameterizedTest(name = "PID 1 of {0}")
    @ValueSource(strings = {Engine.PID1_MAKE_IMAGE, Engine.PID1_SH_IMAGE})
    void aTimeoutSignalsPackerItselfToo(String image) throws Exception {
        ContainerResult r = runner.run(spec(image).toBuilder().timeout(Duration.ofSeconds(2)).build(), listener);

        assertThat(r.timedOut()).isTrue();
        assertThat(listener.lines).as("infos %s", listener.infos).containsSubsequence(CLEAN_UP);
        // make reports the failed recipe with 2; the shell passes on packer's 1
        assertThat(r.exitCode()).isEqualTo(image.equals(Engine.PID1_MAKE_IMAGE) ? 2 : 1);
    }

    /**
     * On a busy engine the exec that searches for Packer answers late (17 s here): the stop waits for it within the
     * grace period, so Packer still gets its SIGTERM and cleans up, instead of PID 1 being signalled meanwhile and the
     * container ending under Packer.
     */
    @Test
    void aSearchThatAnswersLateStillReachesPackerWithinTheGrace() throws Exception {
        BackgroundRun build = BackgroundRun.start(runner, spec(Engine.PID1_LATE_IMAGE), listener);
        awaitLine("==> vsphere-iso.vsphere: Waiting for IP...");

        build.abort();

        assertThat(build.alive()).isFalse();
        assertThat(listener.lines).as("infos %s", listener.infos).containsSubsequence(CLEAN_UP);
        assertThat(listener.infos).anyMatch(i -> i.startsWith("Sent SIGTERM to packer (pid "))
                .noneMatch(i -> i.startsWith("No packer process"));
    }

    /** A search that does not answer within the grace period: the container is killed when the grace is over. */
    @Test
    void aSearchThatDoesNotAnswerWithinTheGraceEndsInTheKill() throws Exception {
        BackgroundRun build = BackgroundRun.start(runner,
                spec(Engine.PID1_LATE_IMAGE).toBuilder().stopGrace(Duration.ofSeconds(4)).build(), listener);
        awaitLine("==> vsphere-iso.vsphere: Waiting for IP...");
        Instant aborted = Instant.now();

        build.abort();

        assertThat(build.alive()).isFalse();
        assertThat(listener.infos).contains("The search for packer processes in container "
                + ContainerRunner.containerName(runId) + " did not answer within 4s: killing it");
        assertThat(Duration.between(aborted, Instant.now())).as("the grace period, not the search, bounds the stop")
                .isLessThan(Duration.ofSeconds(12));
        assertThat(containersOf(runId)).isEmpty();
    }

    /** The plugin's second, short call after an abort stops a run's container the same way. */
    @Test
    void removeContainersOfAlsoLetsPackerCleanUp() throws Exception {
        String id = docker.createContainerCmd(Engine.PID1_MAKE_IMAGE).withLabels(ContainerRunner.labels(runId, "builder"))
                .exec().getId();
        docker.startContainerCmd(id).exec();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!logsOf(id).contains("Waiting for IP...") && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        String[] lastLog = new String[1];
        Thread tail = new Thread(() -> {
            try {
                Process p = new ProcessBuilder("docker", "logs", "-f", id).redirectErrorStream(true).start();
                lastLog[0] = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                lastLog[0] = e.toString();
            }
        });
        tail.start();

        assertThat(runner.removeContainersOf(runId, Duration.ofSeconds(30))).isEqualTo(1);

        tail.join(10_000);
        assertThat(lastLog[0]).contains("Cancelling build after receiving terminated", "Destroying VM...");
        assertThat(containersOf(runId)).isEmpty();
    }

    /** The stand-ins are faithful: what docker stop (SIGTERM to PID 1) does to them is what it does to real KIB. */
    @ParameterizedTest(name = "PID 1 of {0}")
    @ValueSource(strings = {Engine.PID1_MAKE_IMAGE, Engine.PID1_SH_IMAGE})
    void sigtermToPid1NeverReachesPacker(String image) throws Exception {
        String id = docker.createContainerCmd(image).withLabels(ContainerRunner.labels(runId, "builder")).exec().getId();
        try {
            docker.startContainerCmd(id).exec();
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (!logsOf(id).contains("Waiting for IP...") && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            docker.stopContainerCmd(id).withTimeout(3).exec();

            String log = logsOf(id);
            assertThat(log).contains("Waiting for IP...").doesNotContain("Cancelling build", "Destroying VM");
            assertThat(docker.inspectContainerCmd(id).exec().getState().getExitCodeLong())
                    .as("killed after the timeout").isEqualTo(137L);
        } finally {
            docker.removeContainerCmd(id).withForce(true).exec();
        }
    }

    private String logsOf(String id) throws Exception {
        Process p = new ProcessBuilder("docker", "logs", id).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return text;
    }

    private List<Container> containersOf(String run) {
        return docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(ContainerRunner.LABEL_RUN_ID, run)).exec();
    }

    private void awaitLine(String line) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!listener.lines.contains(line)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("never logged " + line + "; lines: " + listener.lines + "; infos: " + listener.infos);
            }
            Thread.sleep(20);
        }
    }
}
