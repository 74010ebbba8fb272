package io.jenkins.plugins.capi.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.StreamType;
import com.github.dockerjava.api.model.Volume;
import io.jenkins.plugins.capi.logs.FailureClassifier;
import io.jenkins.plugins.capi.logs.FailureHint;
import io.jenkins.plugins.capi.logs.LogPipeline;
import io.jenkins.plugins.capi.logs.SecretMasker;
import io.jenkins.plugins.capi.logs.StopCause;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Runs the builder container as the vendor documents it ({@code docker run --net=host -v <out>:/home/imagebuilder/output
 * <image>}, no command), observably and safely:
 * <ul>
 *   <li>the log is followed live through the {@link LogPipeline} (masked before it reaches the listener);</li>
 *   <li>the wait is interruptible; interrupt or timeout stops the container gracefully (SIGTERM, then SIGKILL after
 *       the grace period, so packer can destroy its VM), then removes it;</li>
 *   <li>the rendered imageconfig exists only during the run; files the container created are handed back to the
 *       tool's uid afterwards;</li>
 *   <li>containers carry labels and a deterministic name, and leftovers of earlier runs are reaped.</li>
 * </ul>
 * One runner per engine; it holds the client, not per-run state, and is safe to share.
 */
public final class ContainerRunner {

    public static final String LABEL_TOOL = "io.jenkins.capi.tool";
    public static final String TOOL = "capi-image-builder";
    public static final String LABEL_RUN_ID = "io.jenkins.capi.run-id";
    public static final String LABEL_ROLE = "io.jenkins.capi.role";
    /** Harmless for an entrypoint that ignores it; KIB's Makefile passes it to packer (no colour codes). */
    static final Map<String, String> ENV = Map.of("PACKER_COLOR", "false");
    private static final Duration LOG_DRAIN = Duration.ofSeconds(30);

    /** A stopped container of another run is only reaped after this long: that run may still be cleaning up. */
    public static final Duration DEFAULT_ABANDONED_AFTER = Duration.ofMinutes(10);

    private final DockerClient docker;
    private final Clock clock;
    private final Duration abandonedAfter;

    public ContainerRunner(DockerClient docker) {
        this(docker, Clock.systemUTC(), DEFAULT_ABANDONED_AFTER);
    }

    public ContainerRunner(DockerClient docker, Clock clock, Duration abandonedAfter) {
        this.docker = docker;
        this.clock = clock;
        this.abandonedAfter = abandonedAfter;
    }

    /** The deterministic container name for a run id: {@code capi-build-<sanitised id>[-<hash>]}. */
    public static String containerName(String runId) {
        String clean = runId.replaceAll("[^a-zA-Z0-9_.-]+", "-").replaceAll("^[^a-zA-Z0-9]+", "");
        if (clean.length() > 60 || !clean.equals(runId)) {
            clean = (clean.length() > 50 ? clean.substring(0, 50) : clean) + "-" + shortHash(runId);
        }
        return "capi-build-" + clean;
    }

    public static Map<String, String> labels(String runId, String role) {
        Map<String, String> l = new LinkedHashMap<>();
        l.put(LABEL_TOOL, TOOL);
        l.put(LABEL_RUN_ID, runId);
        l.put(LABEL_ROLE, role);
        return l;
    }

    /** What {@link #run} would do, touching nothing (the image is only inspected). */
    public ContainerPlan plan(RunSpec spec) {
        Optional<BuilderImage> image = BuilderImage.local(docker, spec.imageRef());
        String source = image.map(i -> "present locally, " + i.id())
                .orElse(spec.imageArchive() != null ? "not present; would load " + spec.imageArchive()
                        : "not present; would pull" + (spec.registryAuth() != null ? " with registry credentials" : ""));
        String user = image.map(i -> i.user().isEmpty() ? "root" : i.user()).orElse("unknown until the image is present");
        OutputFolder out = new OutputFolder(spec.outputDir());
        List<ContainerPlan.PreparedFile> files = new ArrayList<>();
        files.add(new ContainerPlan.PreparedFile(out.path().toString(), "create if missing; chmod a+rwx"));
        Path stale = out.path().resolve(spec.imageName());
        files.add(new ContainerPlan.PreparedFile(stale.toString(), Files.exists(stale)
                ? (spec.stalePolicy() == StalePolicy.REFUSE ? "exists from an earlier run: REFUSE"
                        : "exists from an earlier run: move aside to " + spec.imageName() + ".stale-<UTC timestamp>")
                : "written by the builder"));
        files.add(new ContainerPlan.PreparedFile(out.imageConfig().toString(),
                "rendered imageconfig (" + spec.imageConfigText().lines().count()
                        + " lines, holds secrets): written before start, mode 0400 owned by the container user when run "
                        + "as root else 0644, deleted when the run ends"));
        if (spec.isoPath() != null) {
            files.add(new ContainerPlan.PreparedFile(out.path().resolve(spec.isoName()).toString(),
                    "mount point for " + spec.isoPath() + " (read-only); removed after the run if the engine created it"));
        }
        files.add(new ContainerPlan.PreparedFile(out.path().toString() + "/**",
                "after the run: files the container created are chowned to this tool's uid by a short helper container"));
        return new ContainerPlan(containerName(spec.runId()), spec.imageRef(), source, "host", user, mounts(spec),
                List.copyOf(ENV.keySet()), labels(spec.runId(), "builder"), files);
    }

    private static List<ContainerPlan.Mount> mounts(RunSpec spec) {
        List<ContainerPlan.Mount> m = new ArrayList<>();
        m.add(new ContainerPlan.Mount(spec.outputDir().toString(), OutputFolder.CONTAINER_PATH, false));
        if (spec.isoPath() != null) {
            m.add(new ContainerPlan.Mount(spec.isoPath().toString(), OutputFolder.CONTAINER_PATH + "/" + spec.isoName(), true));
        }
        return m;
    }

    /**
     * Runs the builder to completion, timeout or interrupt.
     *
     * @throws InterruptedException when the calling thread was interrupted; the container has then been stopped
     *         (gracefully, within the grace period) and removed, the imageconfig deleted, and the interrupt flag is set
     * @throws ContainerRunException when the image, the output folder or the engine fail; nothing is left running
     */
    public ContainerResult run(RunSpec spec, ContainerEvents listener) throws InterruptedException {
        SecretMasker masker = SecretMasker.of(spec.secrets());
        ContainerEvents safe = new MaskedInfo(listener, masker);
        BuilderImage image;
        try {
            reapLeftovers(spec.runId(), spec.stopGrace(), safe);
            image = BuilderImage.obtain(docker, spec, safe);
        } catch (ContainerRunException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ContainerRunException("Cannot use the Docker engine at " + EngineConnection.describe(spec.dockerHost())
                    + ": " + masker.mask(String.valueOf(e.getMessage()))
                    + ". Is it running and is this user allowed to use its socket?", e);
        }

        OutputFolder out = new OutputFolder(spec.outputDir());
        out.create();
        out.checkNoForeignImageConfig();
        out.clearStale(spec.imageName(), spec.stalePolicy(), clock)
                .ifPresent(p -> safe.info("Moved the earlier run's output aside to " + p));
        Path isoMountPoint = null;
        boolean isoPlaceholderOurs = false;
        if (spec.isoPath() != null) {
            if (!Files.isRegularFile(spec.isoPath())) {
                throw new ContainerRunException("ISO " + spec.isoPath() + " does not exist or is not a file");
            }
            isoMountPoint = out.path().resolve(spec.isoName());
            if (Files.exists(isoMountPoint)) {
                throw new ContainerRunException("The output folder already has " + isoMountPoint + " but the ISO was given as "
                        + spec.isoPath() + "; remove one of them (iso_name must name exactly one file)");
            }
            isoPlaceholderOurs = true;
        }
        int hostUid = out.ownUid();
        int hostGid = out.ownGid();
        ImageUser user = ImageUser.resolve(docker, image);

        String name = containerName(spec.runId());
        String id = null;
        Instant started = clock.instant();
        LogPipeline pipeline = new LogPipeline(masker, safe, clock, started);
        ScheduledExecutorService heartbeat = null;
        LogFollower follower = null;
        boolean timedOut = false;
        int exitCode;
        try {
            out.writeImageConfig(spec.imageConfigText(), user.uid(), user.gid(), hostUid == 0);
            id = create(spec, image, name);
            follower = new LogFollower(pipeline);
            docker.startContainerCmd(id).exec();
            started = clock.instant();
            safe.info("Started container " + name + " (" + id.substring(0, 12) + ") from " + image.reference());
            docker.logContainerCmd(id).withStdOut(true).withStdErr(true).withFollowStream(true).exec(follower);
            heartbeat = startHeartbeat(pipeline, spec.heartbeatInterval());

            WaitContainerResultCallback wait = docker.waitContainerCmd(id).exec(new WaitContainerResultCallback());
            boolean exited;
            try {
                exited = wait.awaitCompletion(spec.timeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                safe.info("Aborted: stopping container " + name + " (SIGTERM, kill after "
                        + spec.stopGrace().toSeconds() + " s)");
                stop(id, spec.stopGrace());
                // let packer's cleanup lines ("Destroying VM...") reach the listener before the stream is closed
                follower.awaitDrained(Duration.ofSeconds(5));
                pipeline.finish();
                remove(id);
                id = null;
                throw e;
            }
            if (!exited) {
                timedOut = true;
                safe.info("Timed out after " + spec.timeout() + ": stopping container " + name + " (SIGTERM, kill after "
                        + spec.stopGrace().toSeconds() + " s)");
                stop(id, spec.stopGrace());
            }
            exitCode = exitCodeOf(id);
            follower.awaitDrained(LOG_DRAIN);
            pipeline.finish();
        } catch (InterruptedException e) {
            cleanUp(id, out, spec, isoMountPoint, isoPlaceholderOurs, hostUid, hostGid, image, heartbeat, follower, safe);
            Thread.currentThread().interrupt();
            throw e;
        } catch (DockerException e) {
            cleanUp(id, out, spec, isoMountPoint, isoPlaceholderOurs, hostUid, hostGid, image, heartbeat, follower, safe);
            throw new ContainerRunException("Docker engine error while running " + name + " from " + image.reference()
                    + ": " + masker.mask(String.valueOf(e.getMessage())) + lastLines(pipeline), null);
        } catch (RuntimeException | Error e) {
            cleanUp(id, out, spec, isoMountPoint, isoPlaceholderOurs, hostUid, hostGid, image, heartbeat, follower, safe);
            throw e;
        }
        cleanUp(id, out, spec, isoMountPoint, isoPlaceholderOurs, hostUid, hostGid, image, heartbeat, follower, safe);
        Instant ended = clock.instant();
        Optional<FailureHint> hint = exitCode == 0 && !timedOut ? Optional.empty()
                : FailureClassifier.classify(pipeline.tail(), exitCode, timedOut ? StopCause.TIMEOUT : StopCause.NONE);
        return new ContainerResult(exitCode, started, ended, pipeline.phase(), pipeline.phaseTimings(), hint,
                image.id(), image.digest(), timedOut, pipeline.lines());
    }

    private String create(RunSpec spec, BuilderImage image, String name) {
        List<Bind> binds = new ArrayList<>();
        binds.add(new Bind(spec.outputDir().toString(), new Volume(OutputFolder.CONTAINER_PATH)));
        if (spec.isoPath() != null) {
            binds.add(new Bind(spec.isoPath().toString(), new Volume(OutputFolder.CONTAINER_PATH + "/" + spec.isoName()),
                    AccessMode.ro));
        }
        List<String> env = new ArrayList<>();
        ENV.forEach((k, v) -> env.add(k + "=" + v));
        CreateContainerCmd cmd = docker.createContainerCmd(image.reference())
                .withName(name)
                .withLabels(labels(spec.runId(), "builder"))
                .withEnv(env)
                .withHostConfig(HostConfig.newHostConfig().withNetworkMode("host").withBinds(binds));
        return cmd.exec().getId();
    }

    private ScheduledExecutorService startHeartbeat(LogPipeline pipeline, Duration interval) {
        ScheduledExecutorService s = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "capi-heartbeat");
            t.setDaemon(true);
            return t;
        });
        long period = Math.max(100, Math.min(interval.toMillis() / 4, 30_000));
        s.scheduleAtFixedRate(() -> pipeline.heartbeat(interval), period, period, TimeUnit.MILLISECONDS);
        return s;
    }

    private int exitCodeOf(String id) {
        InspectContainerResponse.ContainerState state = docker.inspectContainerCmd(id).exec().getState();
        Long code = state.getExitCodeLong();
        return code == null ? -1 : code.intValue();
    }

    /** docker stop: SIGTERM, SIGKILL after the grace period; then a kill in case stop itself failed. */
    private void stop(String id, Duration grace) {
        try {
            docker.stopContainerCmd(id).withTimeout((int) Math.min(Integer.MAX_VALUE, grace.toSeconds())).exec();
        } catch (NotFoundException e) {
            return;
        } catch (DockerException e) {
            // 304 "already stopped" and transient errors: fall through to kill
        }
        try {
            Boolean running = docker.inspectContainerCmd(id).exec().getState().getRunning();
            if (Boolean.TRUE.equals(running)) {
                docker.killContainerCmd(id).exec();
            }
        } catch (DockerException e) {
            // gone or stopped meanwhile
        }
    }

    private void stopAndRemove(String id, Duration grace) {
        stop(id, grace);
        remove(id);
    }

    private void remove(String id) {
        try {
            docker.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
        } catch (NotFoundException e) {
            // already gone
        }
    }

    private void cleanUp(String id, OutputFolder out, RunSpec spec, Path isoMountPoint, boolean isoPlaceholderOurs,
                         int hostUid, int hostGid, BuilderImage image, ScheduledExecutorService heartbeat,
                         LogFollower follower, ContainerEvents listener) {
        if (heartbeat != null) {
            heartbeat.shutdownNow();
        }
        boolean interrupted = Thread.interrupted();
        try {
            if (id != null) {
                try {
                    stopAndRemove(id, spec.stopGrace());
                } catch (RuntimeException e) {
                    listener.info("Could not remove container " + id.substring(0, Math.min(12, id.length())) + ": "
                            + e.getMessage());
                }
            }
            if (follower != null) {
                follower.closeQuietly();
            }
            if (!out.deleteImageConfig()) {
                listener.info("WARNING: could not delete " + out.imageConfig() + "; it holds secrets, delete it now");
            }
            if (isoPlaceholderOurs && isoMountPoint != null) {
                try {
                    if (Files.isRegularFile(isoMountPoint) && Files.size(isoMountPoint) == 0) {
                        Files.delete(isoMountPoint);
                    }
                } catch (IOException e) {
                    // the helper below chowns it; a leftover empty file is harmless
                }
            }
            try {
                handBackOwnership(out, image, spec.runId(), hostUid, hostGid, listener);
            } catch (RuntimeException e) {
                listener.info("WARNING: could not give the container's files to uid " + hostUid + ": " + e.getMessage());
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Files written by the container's user belong to its uid; a later workspace cleanup must be able to delete them. */
    private void handBackOwnership(OutputFolder out, BuilderImage image, String runId, int uid, int gid,
                                   ContainerEvents listener) {
        if (!out.hasFilesNotOwnedBy(uid)) {
            return;
        }
        if (uid == 0) {
            // root can chown itself; no helper container needed
            out.chownAll(uid, gid);
            return;
        }
        chownWithHelperContainer(out, image, runId, uid, gid, listener);
    }

    /** A non-root tool cannot chown: a short root container from the same image does it ({@code chown -R}). */
    void chownWithHelperContainer(OutputFolder out, BuilderImage image, String runId, int uid, int gid,
                                  ContainerEvents listener) {
        String helper = docker.createContainerCmd(image.id())
                .withName(containerName(runId) + "-chown")
                .withLabels(labels(runId, "chown"))
                .withUser("0:0")
                .withEntrypoint("chown")
                .withCmd("-R", uid + ":" + gid, OutputFolder.CONTAINER_PATH)
                .withHostConfig(HostConfig.newHostConfig().withNetworkMode("none")
                        .withBinds(new Bind(out.path().toString(), new Volume(OutputFolder.CONTAINER_PATH))))
                .exec().getId();
        try {
            docker.startContainerCmd(helper).exec();
            WaitContainerResultCallback w = docker.waitContainerCmd(helper).exec(new WaitContainerResultCallback());
            Integer code = w.awaitStatusCode(60, TimeUnit.SECONDS);
            if (code == null || code != 0) {
                listener.info("WARNING: chown of " + out.path() + " to " + uid + ":" + gid + " exited with " + code);
            }
        } finally {
            remove(helper);
        }
    }

    /**
     * Removes containers of earlier runs: every container of {@code runId} (any state), and containers of other runs
     * of this tool that stopped (or were created and never started) longer than {@code abandonedAfter} ago. Running
     * and recently stopped containers of other runs are left alone: they may be parallel builds on the same engine,
     * between their create and start or in their own cleanup.
     * @return how many were removed
     */
    public int reapLeftovers(String runId, Duration stopGrace, ContainerEvents listener) {
        int removed = 0;
        List<Container> ours = docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(LABEL_TOOL, TOOL)).exec();
        for (Container c : ours) {
            Map<String, String> l = c.getLabels() == null ? Map.of() : c.getLabels();
            boolean sameRun = runId != null && runId.equals(l.get(LABEL_RUN_ID));
            boolean running = "running".equals(c.getState());
            if (sameRun || (!running && abandoned(c))) {
                listener.info("Removing leftover container " + String.join(",", c.getNames()) + " (" + c.getState()
                        + ", run " + l.get(LABEL_RUN_ID) + ")");
                try {
                    if (running) {
                        stop(c.getId(), stopGrace);
                    }
                    remove(c.getId());
                    removed++;
                } catch (DockerException e) {
                    listener.info("Could not remove leftover container " + c.getId() + ": " + e.getMessage());
                }
            }
        }
        return removed;
    }

    private boolean abandoned(Container c) {
        Instant now = clock.instant();
        Instant since = Instant.ofEpochSecond(c.getCreated() == null ? 0 : c.getCreated());
        if (!"created".equals(c.getState())) {
            try {
                String finished = docker.inspectContainerCmd(c.getId()).exec().getState().getFinishedAt();
                if (finished != null && !finished.startsWith("0001-")) {
                    since = Instant.parse(finished);
                }
            } catch (DockerException | java.time.format.DateTimeParseException e) {
                // fall back to the creation time
            }
        }
        return Duration.between(since, now).compareTo(abandonedAfter) >= 0;
    }

    /** Stops (with {@code stopGrace}) and removes every container of {@code runId}. */
    public int removeContainersOf(String runId, Duration stopGrace) {
        int removed = 0;
        for (Container c : docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(LABEL_TOOL, TOOL, LABEL_RUN_ID, runId)).exec()) {
            stopAndRemove(c.getId(), stopGrace);
            removed++;
        }
        return removed;
    }

    private static String lastLines(LogPipeline pipeline) {
        List<String> tail = pipeline.tail();
        if (tail.isEmpty()) {
            return "";
        }
        return "; last log lines: " + String.join(" | ", tail.subList(Math.max(0, tail.size() - 5), tail.size()));
    }

    static String shortHash(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Feeds Docker log frames into the pipeline; knows when the stream has ended. */
    private static final class LogFollower extends ResultCallback.Adapter<Frame> {
        private final LogPipeline pipeline;

        LogFollower(LogPipeline pipeline) {
            this.pipeline = pipeline;
        }

        @Override
        public void onNext(Frame frame) {
            if (frame.getStreamType() == StreamType.STDERR) {
                pipeline.stderr(frame.getPayload());
            } else {
                pipeline.stdout(frame.getPayload());
            }
        }

        void awaitDrained(Duration max) throws InterruptedException {
            awaitCompletion(max.toMillis(), TimeUnit.MILLISECONDS);
        }

        void closeQuietly() {
            try {
                close();
            } catch (IOException e) {
                // closing a finished stream
            }
        }
    }

    /** The tool's own messages can quote engine errors; mask them too. */
    private record MaskedInfo(ContainerEvents delegate, SecretMasker masker) implements ContainerEvents {
        @Override
        public void info(String message) {
            delegate.info(masker.mask(message));
        }

        @Override
        public void logLine(String line) {
            delegate.logLine(line);
        }

        @Override
        public void progress(io.jenkins.plugins.capi.logs.ProgressEvent event) {
            delegate.progress(event);
        }
    }

    /** The uid/gid the image runs as: numeric {@code User}, or a name looked up in the image's /etc/passwd. */
    record ImageUser(int uid, int gid) {
        private static final Map<String, ImageUser> BY_IMAGE_ID = new java.util.concurrent.ConcurrentHashMap<>();

        /** Cached per image id: an image's user cannot change, and the lookup costs a container create. */
        static ImageUser resolve(DockerClient docker, BuilderImage image) {
            return BY_IMAGE_ID.computeIfAbsent(image.id(), id -> lookUp(docker, image));
        }

        private static ImageUser lookUp(DockerClient docker, BuilderImage image) {
            String u = image.user();
            if (u == null || u.isEmpty()) {
                return new ImageUser(0, 0);
            }
            String name = u;
            String group = null;
            int colon = u.indexOf(':');
            if (colon >= 0) {
                name = u.substring(0, colon);
                group = u.substring(colon + 1);
            }
            if (name.matches("\\d+") && (group == null || group.matches("\\d+"))) {
                int uid = Integer.parseInt(name);
                return new ImageUser(uid, group == null ? uid : Integer.parseInt(group));
            }
            String passwd = readFile(docker, image, "/etc/passwd");
            for (String line : passwd.split("\n")) {
                String[] f = line.split(":");
                if (f.length >= 4 && (f[0].equals(name) || f[2].equals(name))) {
                    int gid = group != null && group.matches("\\d+") ? Integer.parseInt(group) : Integer.parseInt(f[3]);
                    return new ImageUser(Integer.parseInt(f[2]), gid);
                }
            }
            return new ImageUser(-1, -1);
        }

        private static String readFile(DockerClient docker, BuilderImage image, String path) {
            String id = docker.createContainerCmd(image.id()).withEntrypoint("true").withCmd()
                    .withLabels(Map.of(LABEL_TOOL, TOOL, LABEL_ROLE, "inspect"))
                    .withHostConfig(HostConfig.newHostConfig().withNetworkMode("none")).exec().getId();
            try (InputStream in = docker.copyArchiveFromContainerCmd(id, path).exec();
                 TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
                if (tar.getNextEntry() == null) {
                    return "";
                }
                return new String(tar.readNBytes(1 << 20), StandardCharsets.UTF_8);
            } catch (IOException | DockerException e) {
                return "";
            } finally {
                try {
                    docker.removeContainerCmd(id).withForce(true).exec();
                } catch (DockerException e) {
                    // removed already
                }
            }
        }
    }
}
