package io.jenkins.plugins.capi.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.ExecCreateCmdResponse;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Frame;
import io.jenkins.plugins.capi.Durations;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Stops a builder container so that Packer can clean up after itself (power off and destroy its build VM).
 *
 * <p>Signals to the container go to its PID 1, and PID 1 is rarely Packer: in upstream KIB's image it is
 * {@code make}, which runs the recipe with {@code /bin/sh}, so SIGTERM to PID 1 ends the shell and leaves Packer
 * running until the kill; a shell as PID 1 without a trap ignores SIGTERM altogether. So the stop signals the
 * Packer processes themselves: an exec in the container walks {@code /proc} (the image need not have
 * {@code pkill}) and sends SIGTERM to every process whose name or first argument is {@code packer}. Packer's
 * answer to SIGTERM is its clean-up; SIGINT would do nothing, as its wrapper process forwards SIGTERM only.
 * Only when no Packer process is found does PID 1 get the SIGTERM. Then the container gets the whole grace period
 * to end by itself, and only after that is it killed.
 *
 * <p>Removal lives here too, so every way a container of this tool ends goes through one class.
 */
final class ContainerStop {

    /**
     * Sends SIGTERM to every process whose name ({@code /proc/PID/comm}, read with {@code read}) or first argument
     * ({@code /proc/PID/cmdline}, NUL-separated, so through {@code tr} when the image has it) is one of the
     * arguments, and prints "pid name" for each. Run as {@code sh -c SCRIPT sh NAME...}.
     */
    static final String SIGNAL_BY_NAME = """
            for d in /proc/[0-9]*; do
              p=${d#/proc/}
              c=; read -r c < "$d/comm" 2>/dev/null
              a=
              if command -v tr >/dev/null 2>&1; then
                a=$(tr '\\000' '\\n' < "$d/cmdline" 2>/dev/null | { read -r x; echo "$x"; })
              fi
              a=${a##*/}
              for n in "$@"; do
                if [ "$c" = "$n" ] || [ "$a" = "$n" ]; then
                  kill -TERM "$p" 2>/dev/null && echo "$p $n"
                fi
              done
            done
            """;

    private final DockerClient docker;

    ContainerStop(DockerClient docker) {
        this.docker = docker;
    }

    /**
     * Stops container {@code id} as described above and returns when it has ended. A second interrupt while it
     * waits kills the container at once; the interrupt flag is then set again when this returns.
     *
     * @param exit a wait on the container already following it, or null to start one
     */
    void stop(String id, String name, Duration grace, ExitWait exit, ContainerEvents events) {
        if (!isRunning(id)) {
            return;
        }
        ExitWait wait = exit != null ? exit : docker.waitContainerCmd(id).exec(new ExitWait());
        long deadline = System.nanoTime() + grace.toNanos();
        try {
            // The search is part of the grace period: on a busy engine the exec can take long to answer, and a
            // SIGTERM to PID 1 meanwhile would end the container under Packer's clean-up.
            Signalled signalled = signal(id, grace, "packer");
            if (Thread.currentThread().isInterrupted()) {
                events.info("Interrupted again: killing container " + name + " now");
                kill(id);
                return;
            }
            if (!signalled.answered()) {
                events.info("The search for packer processes in container " + name + " did not answer within "
                        + Durations.describe(grace) + ": killing it");
                kill(id);
                return;
            }
            Duration left = left(deadline);
            if (signalled.processes().isEmpty()) {
                events.info("No packer process in container " + name + ": sending SIGTERM to its main process and "
                        + "waiting up to " + roundedUp(left) + " for it to end");
                signalPid1(id);
            } else {
                events.info("Sent SIGTERM to packer (" + String.join(", ", signalled.processes()) + ") in container "
                        + name + "; waiting up to " + roundedUp(left)
                        + " for its clean-up and for the container to end");
            }
            boolean ended;
            try {
                ended = wait.await(left);
            } catch (InterruptedException e) {
                events.info("Interrupted again: killing container " + name + " now");
                kill(id);
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                ended = !isRunning(id);
            }
            if (!ended) {
                events.info("Container " + name + " did not end within " + Durations.describe(grace) + ": killing it");
                kill(id);
            }
        } finally {
            if (exit == null) {
                wait.closeQuietly();
            }
        }
    }

    /** Kills container {@code id} (SIGKILL to every process in it) if it still runs. */
    void kill(String id) {
        try {
            if (isRunning(id)) {
                docker.killContainerCmd(id).exec();
            }
        } catch (DockerException e) {
            // it ended meanwhile
        }
    }

    /** Removes container {@code id} whatever its state; a container that is gone already counts as removed. */
    void remove(String id) {
        try {
            docker.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
        } catch (NotFoundException e) {
            // already gone
        }
    }

    /**
     * What a search for processes by name did.
     *
     * @param answered  false when the exec did not end within its limit: whether anything was signalled is unknown
     * @param processes "pid &lt;pid&gt; &lt;name&gt;" of each process signalled
     */
    record Signalled(boolean answered, List<String> processes) {}

    /**
     * SIGTERM, through an exec as root, to the processes of container {@code id} named one of {@code names}, waiting
     * at most {@code limit} for the exec to end. No processes (answered) when there is none, the image has no shell,
     * or the container ended. An interrupt ends the wait (not answered) and is kept.
     */
    Signalled signal(String id, Duration limit, String... names) {
        List<String> signalled = new ArrayList<>();
        List<String> cmd = new ArrayList<>(List.of("sh", "-c", SIGNAL_BY_NAME, "sh"));
        cmd.addAll(List.of(names));
        try {
            ExecCreateCmdResponse exec = docker.execCreateCmd(id).withUser("0").withAttachStdout(true)
                    .withAttachStderr(false).withCmd(cmd.toArray(String[]::new)).exec();
            StringBuilder out = new StringBuilder();
            QuietCallback<Frame> collect = new QuietCallback<>() {
                @Override
                public void onNext(Frame frame) {
                    out.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                }
            };
            docker.execStartCmd(exec.getId()).exec(collect);
            try {
                if (!collect.await(limit)) {
                    return new Signalled(false, List.of());
                }
            } finally {
                collect.closeQuietly();
            }
            for (String line : out.toString().split("\n")) {
                if (line.matches("\\d+ .+")) {
                    signalled.add("pid " + line.strip());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Signalled(false, List.of());
        } catch (RuntimeException e) {
            // no shell in the image, or the container ended: PID 1 gets the signal instead
        }
        return new Signalled(true, signalled);
    }

    /** The time from now to {@code deadline} (a {@link System#nanoTime()} value), zero once it has passed. */
    static Duration left(long deadline) {
        return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
    }

    /** What is left of a grace period, in whole seconds up: the search before it takes a fraction of a second. */
    static String roundedUp(Duration left) {
        return Durations.describe(Duration.ofSeconds((left.toMillis() + 999) / 1000));
    }

    private void signalPid1(String id) {
        try {
            docker.killContainerCmd(id).withSignal("SIGTERM").exec();
        } catch (DockerException e) {
            // it ended meanwhile
        }
    }

    private boolean isRunning(String id) {
        try {
            return Boolean.TRUE.equals(docker.inspectContainerCmd(id).exec().getState().getRunning());
        } catch (NotFoundException e) {
            return false;
        }
    }
}
