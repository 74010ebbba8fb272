package io.jenkins.plugins.capi.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.model.Container;
import io.jenkins.plugins.capi.container.ContainerRunException.Kind;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the containers earlier runs of this tool left on the engine (they carry {@link ContainerRunner#LABEL_TOOL})
 * and removes those that provably belong to no live build. Runs once per build, before anything is pulled or
 * started.
 *
 * <ul>
 *   <li>A container of the same run id: any state (the run is starting again).</li>
 *   <li>A container labelled with this build's output folder: its build is gone when this build holds the folder's
 *       lock and the container's owner process (pid and host in {@link ContainerRunner#LABEL_OWNER}) no longer runs
 *       on this host. A running one is stopped so Packer can clean up first. When that cannot be proved, the build
 *       is refused with the command that removes the container.</li>
 *   <li>Any other: only once it stopped (or was created and never started) longer ago than the abandon time;
 *       running and fresh ones may be parallel builds on other folders.</li>
 * </ul>
 */
final class LeftoverReaper {

    private final DockerClient docker;
    private final Clock clock;
    private final Duration abandonedAfter;
    private final ContainerStop stopper;

    LeftoverReaper(DockerClient docker, Clock clock, Duration abandonedAfter) {
        this.docker = docker;
        this.clock = clock;
        this.abandonedAfter = abandonedAfter;
        this.stopper = new ContainerStop(docker);
    }

    /**
     * @param folderLocked this build holds the output folder's lock
     * @param dockerHost   for the removal command in a refusal; null for the default engine
     * @return how many containers were removed
     */
    int reap(String runId, Path outputDir, boolean folderLocked, Duration stopGrace, String dockerHost,
             ContainerEvents events) {
        HostProcess me = HostProcess.current();
        int removed = 0;
        List<Container> ours = docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(ContainerRunner.LABEL_TOOL, ContainerRunner.TOOL)).exec();
        for (Container c : ours) {
            Map<String, String> l = c.getLabels() == null ? Map.of() : c.getLabels();
            String name = nameOf(c);
            boolean running = "running".equals(c.getState());
            boolean sameRun = runId != null && runId.equals(l.get(ContainerRunner.LABEL_RUN_ID));
            boolean onThisFolder = outputDir.toString().equals(l.get(ContainerRunner.LABEL_OUTPUT_DIR));
            if (onThisFolder && !sameRun) {
                Optional<String> doubt = whyNotProvablyAbandoned(folderLocked, l.get(ContainerRunner.LABEL_OWNER), me);
                if (doubt.isPresent()) {
                    throw new ContainerRunException(Kind.OUTPUT_FOLDER_IN_USE, "Container " + name + " (" + c.getState()
                            + ", run " + l.get(ContainerRunner.LABEL_RUN_ID) + ") uses output folder " + outputDir
                            + ", and " + doubt.get(), "if that build is gone, remove the container with: "
                            + removeCommand(name, dockerHost) + "; otherwise wait for it to end");
                }
                events.info("Container " + name + " (" + c.getState() + ") of run " + l.get(ContainerRunner.LABEL_RUN_ID)
                        + " uses this output folder and the build that started it is gone: "
                        + (running ? "stopping it so its Packer can clean up, then removing it" : "removing it"));
            } else if (sameRun || (!running && abandoned(c))) {
                events.info("Removing leftover container " + name + " (" + c.getState() + ", run "
                        + l.get(ContainerRunner.LABEL_RUN_ID) + ")");
            } else {
                continue;
            }
            try {
                if (running) {
                    stopper.stop(c.getId(), name, stopGrace, null, events);
                }
                stopper.remove(c.getId());
                removed++;
            } catch (DockerException e) {
                if (onThisFolder) {
                    throw new ContainerRunException(Kind.OUTPUT_FOLDER_IN_USE, "Container " + name + " of an earlier "
                            + "build still uses output folder " + outputDir + " and could not be removed: "
                            + EngineFailure.engineMessage(e), "remove it with: " + removeCommand(name, dockerHost));
                }
                events.info("Could not remove leftover container " + name + ": " + EngineFailure.engineMessage(e));
            }
        }
        return removed;
    }

    /** Empty when the owner of a container on this build's folder is provably gone; else why not. */
    static Optional<String> whyNotProvablyAbandoned(boolean folderLocked, String ownerLabel, HostProcess me) {
        if (!folderLocked) {
            return Optional.of("this file system does not support the folder lock that would show whether its "
                    + "build still runs");
        }
        if (ownerLabel == null || !ownerLabel.matches("\\d+@.+")) {
            return Optional.of("it does not say which process started it");
        }
        long pid = Long.parseLong(ownerLabel.substring(0, ownerLabel.indexOf('@')));
        String host = ownerLabel.substring(ownerLabel.indexOf('@') + 1);
        if (!host.equals(me.host())) {
            return Optional.of("it was started from host " + host + ", where this build cannot see whether it still runs");
        }
        if (pid != me.pid() && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            return Optional.of("the process that started it (pid " + pid + ") still runs");
        }
        return Optional.empty();
    }

    static String removeCommand(String name, String dockerHost) {
        return "docker " + (dockerHost == null || dockerHost.isBlank() ? "" : "-H " + dockerHost.strip() + " ")
                + "rm -f " + name;
    }

    private boolean abandoned(Container c) {
        Instant since = Instant.ofEpochSecond(c.getCreated() == null ? 0 : c.getCreated());
        if (!"created".equals(c.getState())) {
            try {
                String finished = docker.inspectContainerCmd(c.getId()).exec().getState().getFinishedAt();
                if (finished != null && !finished.startsWith("0001-")) {
                    since = Instant.parse(finished);
                }
            } catch (DockerException | DateTimeParseException e) {
                // fall back to the creation time
            }
        }
        return Duration.between(since, clock.instant()).compareTo(abandonedAfter) >= 0;
    }

    private static String nameOf(Container c) {
        String[] names = c.getNames();
        if (names == null || names.length == 0) {
            return c.getId().substring(0, Math.min(12, c.getId().length()));
        }
        return names[0].startsWith("/") ? names[0].substring(1) : names[0];
    }
}
