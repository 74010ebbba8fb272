package io.jenkins.plugins.capi.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectExecResponse;
import io.jenkins.plugins.capi.Durations;
import io.jenkins.plugins.capi.logs.FailureClassifier;
import io.jenkins.plugins.capi.logs.FailureHint;
import io.jenkins.plugins.capi.logs.LogPipeline;
import io.jenkins.plugins.capi.logs.Phase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Runs a build as a sequence of commands in an already running builder container, through the Engine API's exec
 * calls (create, start, inspect), instead of the image's own start-up: first preparation steps, each of which must
 * end with an expected exit code, then the build command, whose exit code is the result. Every line the commands
 * print goes through the run's {@link LogPipeline} (masking, phases, failure hints).
 *
 * <p>Stopping (abort or timeout) works like stopping a normal build: SIGTERM goes to the Packer processes in the
 * container, found by name through {@code /proc} by an exec as root, so that Packer destroys its VM; the
 * {@code make} processes get it when no Packer runs yet. The build command then has the grace period to end. The
 * container itself is the caller's to stop and remove afterwards; it only idles ({@code sleep infinity}).
 */
public final class ExecSequence {

    /** A preparation step is a quick edit; more than this means it hangs. */
    static final Duration STEP_LIMIT = Duration.ofMinutes(2);
    /** After the stream ends the engine may need a moment to report the exit code. */
    private static final Duration EXIT_CODE_WAIT = Duration.ofSeconds(10);

    /**
     * One command of the sequence.
     *
     * @param description what it does, for messages ("remove the RHSM credential check")
     * @param command     the argument vector; no shell is involved
     * @param okExitCodes the exit codes that mean it did its job
     * @param failureHint what to do when it ends otherwise
     */
    public record Step(String description, List<String> command, Set<Integer> okExitCodes, String failureHint) {
        public Step {
            command = List.copyOf(command);
            okExitCodes = Set.copyOf(okExitCodes);
        }

        @Override
        public String toString() {
            return description + ": " + String.join(" ", command);
        }
    }

    /**
     * How the sequence ended.
     *
     * @param exitCode   the build command's exit code, or the failed preparation step's
     * @param failedStep the preparation step that failed, if one did (the build did not start then)
     * @param hint       for a failure, what the log says went wrong (or what to do about the failed step)
     * @param timedOut   the sequence hit its time limit and was stopped
     */
    public record Result(int exitCode, Instant started, Instant ended, Phase lastPhase,
                         Map<Phase, Duration> phaseTimings, Optional<FailureHint> hint, boolean timedOut,
                         long logLines, Optional<String> failedStep) {

        public boolean succeeded() {
            return exitCode == 0 && !timedOut && failedStep.isEmpty();
        }
    }

    private final DockerClient docker;
    private final String containerId;
    private final String containerName;
    private final ContainerEvents events;
    private final Clock clock;

    public ExecSequence(DockerClient docker, String containerId, String containerName, ContainerEvents events,
                        Clock clock) {
        this.docker = Objects.requireNonNull(docker);
        this.containerId = Objects.requireNonNull(containerId);
        this.containerName = containerName;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Runs {@code preparation} in order, then {@code build}.
     *
     * @param timeout   for the whole sequence
     * @param stopGrace how long the build command has to end after the SIGTERM on abort or timeout
     * @throws InterruptedException when the calling thread was interrupted; the build has then been stopped (within
     *         the grace period) and the interrupt flag is set
     */
    public Result run(List<Step> preparation, Step build, LogPipeline pipeline, Duration timeout, Duration stopGrace)
            throws InterruptedException {
        Instant started = clock.instant();
        Instant deadline = started.plus(timeout);
        for (Step step : preparation) {
            events.info("exec in " + containerName + ": " + String.join(" ", step.command()));
            Exec exec = start(step, pipeline);
            boolean ended;
            try {
                ended = exec.output.awaitEnd(STEP_LIMIT);
            } catch (InterruptedException e) {
                exec.output.closeQuietly();
                throw e;
            }
            pipeline.finish();
            exec.output.closeQuietly();
            Integer code = ended ? exitCode(exec.id) : null;
            if (code == null || !step.okExitCodes().contains(code)) {
                String how = code == null ? "did not end within " + Durations.describe(STEP_LIMIT)
                        : "ended with exit code " + code;
                String summary = "The step '" + step.description() + "' (" + String.join(" ", step.command()) + ") "
                        + how + "; the build was not started.";
                List<String> tail = pipeline.tail();
                return new Result(code == null ? -1 : code, started, clock.instant(), pipeline.phase(),
                        pipeline.phaseTimings(), Optional.of(new FailureHint("exec-step", summary, step.failureHint(),
                        tail.isEmpty() ? null : tail.get(tail.size() - 1))), false, pipeline.lines(),
                        Optional.of(step.description()));
            }
        }

        events.info("exec in " + containerName + ": " + String.join(" ", build.command()));
        Exec exec = start(build, pipeline);
        boolean timedOut = false;
        try {
            Duration left = Duration.between(clock.instant(), deadline);
            if (!exec.output.awaitEnd(left)) {
                timedOut = true;
                events.info("Timed out after " + Durations.describe(timeout) + ": stopping the build in " + containerName);
                stop(exec, stopGrace);
            }
        } catch (InterruptedException e) {
            events.info("Aborted: stopping the build in " + containerName);
            stop(exec, stopGrace);
            pipeline.finish();
            exec.output.closeQuietly();
            Thread.currentThread().interrupt();
            throw e;
        }
        pipeline.finish();
        exec.output.closeQuietly();
        Integer code = exitCode(exec.id);
        int exitCode = code == null ? -1 : code;
        Optional<FailureHint> hint = exitCode == 0 && !timedOut ? Optional.empty()
                : FailureClassifier.classify(pipeline.tail(), exitCode);
        return new Result(exitCode, started, clock.instant(), pipeline.phase(), pipeline.phaseTimings(), hint,
                timedOut, pipeline.lines(), Optional.empty());
    }

    private record Exec(String id, LogFollower output) {}

    private Exec start(Step step, LogPipeline pipeline) {
        String id = docker.execCreateCmd(containerId).withAttachStdout(true).withAttachStderr(true)
                .withCmd(step.command().toArray(new String[0])).exec().getId();
        LogFollower output = docker.execStartCmd(id).withDetach(false).withTty(false).exec(new LogFollower(pipeline));
        return new Exec(id, output);
    }

    /** The exit code once the engine reports the exec as ended; null if it does not within a few seconds. */
    private Integer exitCode(String execId) {
        Instant until = clock.instant().plus(EXIT_CODE_WAIT);
        while (true) {
            InspectExecResponse r = docker.inspectExecCmd(execId).exec();
            if (!Boolean.TRUE.equals(r.isRunning()) && r.getExitCodeLong() != null) {
                return r.getExitCodeLong().intValue();
            }
            if (clock.instant().isAfter(until)) {
                return null;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
    }

    /**
     * SIGTERM to Packer (or, before Packer started, to make), then up to {@code grace} for the build command to
     * end. A second interrupt ends the wait at once; the caller's container kill settles the rest.
     */
    private void stop(Exec build, Duration grace) {
        boolean interrupted = Thread.interrupted();
        long deadline = System.nanoTime() + grace.toNanos();
        try {
            ContainerStop.Signalled signalled = signal("packer", grace);
            if (signalled.answered() && signalled.processes().isEmpty() && !Thread.currentThread().isInterrupted()) {
                signalled = signal("make", ContainerStop.left(deadline));
            }
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException();
            }
            if (!signalled.answered()) {
                events.info("The search for packer and make processes in container " + containerName + " did not"
                        + " answer within " + Durations.describe(grace) + "; the container is killed");
                return;
            }
            Duration left = ContainerStop.left(deadline);
            events.info((signalled.processes().isEmpty() ? "Found no packer or make process to signal"
                    : "Sent SIGTERM to " + String.join(", ", signalled.processes())) + " in container "
                    + containerName + "; waiting up to " + ContainerStop.roundedUp(left) + " for the build to end");
            if (!build.output.awaitEnd(left)) {
                events.info("The build in " + containerName + " did not end within " + Durations.describe(grace)
                        + "; the container is killed");
            }
        } catch (InterruptedException e) {
            events.info("Interrupted again: the container " + containerName + " is killed now");
            interrupted = true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private ContainerStop.Signalled signal(String processName, Duration limit) {
        return new ContainerStop(docker).signal(containerId, limit, processName);
    }
}
