package io.jenkins.plugins.capi.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Volume;
import io.jenkins.plugins.capi.Durations;
import io.jenkins.plugins.capi.container.ContainerRunException.Kind;
import io.jenkins.plugins.capi.logs.FailureClassifier;
import io.jenkins.plugins.capi.logs.FailureHint;
import io.jenkins.plugins.capi.logs.LogPipeline;
import io.jenkins.plugins.capi.logs.SecretMasker;
import io.jenkins.plugins.capi.logs.StopCause;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One run of the builder container, and everything it holds while it runs: the output folder's lock, the private
 * imageconfig, the folder's opened mode, the container, its log stream, its exit wait and the heartbeat.
 * {@link ContainerRunner#run} calls the steps in order; {@link #close()} gives back whatever the steps took, however
 * the run ended (success, failure, abort, timeout, an engine error).
 */
final class ContainerRun implements AutoCloseable {

    private static final Duration LOG_DRAIN = Duration.ofSeconds(30);
    private static final Duration ABORT_DRAIN = Duration.ofSeconds(5);
    private static final Map<String, Boolean> REMAPS_USERS = new ConcurrentHashMap<>();

    private final DockerClient docker;
    private final Clock clock;
    private final Path privateRoot;
    private final RunSpec spec;
    private final SecretMasker masker;
    private final ContainerEvents events;
    private final OutputFolder out;
    private final HostProcess me = HostProcess.current();
    private final ContainerStop stopper;
    private final String name;

    private boolean folderCreated;
    private FolderLock lock;
    private BuilderImage image;
    private ImageUser user;
    private PrivateImageConfig config;
    private boolean configMountPointOurs;
    private boolean isoMountPointOurs;
    private Set<PosixFilePermission> modeToRestore;
    private String containerId;
    private LogFollower follower;
    private ExitWait exit;
    private ScheduledExecutorService heartbeat;

    ContainerRun(DockerClient docker, Clock clock, Path privateRoot, RunSpec spec, SecretMasker masker,
                 ContainerEvents events) {
        this.docker = docker;
        this.clock = clock;
        this.privateRoot = privateRoot;
        this.spec = spec;
        this.masker = masker;
        this.events = events;
        this.out = new OutputFolder(spec.outputDir());
        this.stopper = new ContainerStop(docker);
        this.name = ContainerRunner.containerName(spec.runId());
    }

    /** Every refusal that needs nothing changed: the engine, the output folder, the ISO, the image archive. */
    void check() {
        EngineFailure.requireReachable(docker, spec.dockerHost(), masker);
        out.checkUsable();
        out.checkStale(spec.imageName(), spec.stalePolicy());
        if (spec.isoPath() != null) {
            if (!Files.isRegularFile(spec.isoPath())) {
                throw new ContainerRunException(Kind.OUTPUT_FOLDER_UNUSABLE, "ISO " + spec.isoPath()
                        + " does not exist or is not a file", "give the path of the install ISO");
            }
            out.checkFreeMountPoint(spec.isoName(), "the ISO " + spec.isoPath());
        }
        if (spec.imageArchive() != null && BuilderImage.local(docker, spec.imageRef()).isEmpty()) {
            BuilderImage.checkArchive(spec.imageArchive());
        }
    }

    /**
     * Creates the folder if needed and takes its lock (refusing when another build holds it), deletes private
     * configs killed runs left, and removes the containers earlier runs left, once per build.
     */
    void claimFolder(LeftoverReaper reaper) throws InterruptedException {
        folderCreated = !Files.exists(out.path());
        out.create();
        lock = FolderLock.acquire(out.path(), spec.runId(), me);
        if (!lock.held()) {
            events.info("WARNING: the file system of " + out.path() + " does not support file locks, so a second "
                    + "build on this folder at the same time cannot be refused");
        }
        int swept = PrivateImageConfig.deleteAbandoned(privateRoot, me);
        if (swept > 0) {
            events.info("Deleted " + swept + " rendered imageconfig(s) that killed runs left under " + privateRoot);
        }
        reaper.reap(spec.runId(), folderKey(), lock.held(), spec.stopGrace(), spec.dockerHost(), events);
        throwIfInterrupted();
    }

    /** The image, made present (the first thing that fetches anything), and the user it runs as. */
    void obtainImage() throws InterruptedException {
        image = BuilderImage.obtain(docker, spec, events);
        // with user namespaces the container's uid is another uid on the host: nothing can be given to it there
        user = remapsUsers() ? ImageUser.UNKNOWN : ImageUser.of(docker, image);
        throwIfInterrupted();
    }

    /** Moves an earlier run's outputs aside and writes the rendered imageconfig to its private folder. */
    void prepareFolder() {
        out.moveStaleAside(spec.imageName(), clock).ifPresent(moved -> {
            events.info("Moved the earlier run's output aside to " + moved);
            for (Path older : out.olderStaleCopies(spec.imageName(), moved)) {
                if (OutputFolder.deleteTree(older)) {
                    events.info("Deleted the older copy " + older + " (only the last run's copy is kept)");
                } else {
                    events.info("WARNING: could not delete the older copy " + older + "; delete it by hand");
                }
            }
        });
        configMountPointOurs = !Files.exists(out.imageConfig(), LinkOption.NOFOLLOW_LINKS);
        isoMountPointOurs = spec.isoPath() != null;
        config = PrivateImageConfig.write(privateRoot, spec.imageConfigText(), user, me);
        if (!configMountPointOurs) {
            events.info("The output folder holds its own imageconfig; the rendered one is mounted over it for the "
                    + "run, and " + out.imageConfig() + " itself is left as it is");
        }
    }

    /** Creates, starts and follows the container until it ends, times out or the calling thread is interrupted. */
    ContainerResult execute() throws InterruptedException {
        containerId = create();
        openFolder();
        LogPipeline pipeline = new LogPipeline(masker, events, clock, clock.instant());
        if (spec.execPlan() != null) {
            return executeAsExecs(pipeline);
        }
        follower = new LogFollower(pipeline);
        docker.startContainerCmd(containerId).exec();
        Instant started = clock.instant();
        events.info("Started container " + name + " (" + containerId.substring(0, 12) + ") from " + image.reference());
        docker.logContainerCmd(containerId).withStdOut(true).withStdErr(true).withFollowStream(true).exec(follower);
        heartbeat = startHeartbeat(pipeline, spec.heartbeatInterval());
        exit = docker.waitContainerCmd(containerId).exec(new ExitWait());

        boolean timedOut = false;
        try {
            if (!exit.await(spec.timeout())) {
                timedOut = true;
                events.info("Timed out after " + Durations.describe(spec.timeout()) + ": stopping container " + name);
                stopper.stop(containerId, name, spec.stopGrace(), exit, events);
                throwIfInterrupted();
            }
        } catch (InterruptedException e) {
            events.info("Aborted: stopping container " + name);
            stopper.stop(containerId, name, spec.stopGrace(), exit, events);
            // let Packer's clean-up lines ("Destroying VM...") reach the listener before the stream is closed
            drain(follower, ABORT_DRAIN);
            pipeline.finish();
            throw e;
        }
        int exitCode = exitCode();
        drain(follower, LOG_DRAIN);
        pipeline.finish();
        Instant ended = clock.instant();
        Optional<FailureHint> hint = exitCode == 0 && !timedOut ? Optional.empty()
                : FailureClassifier.classify(pipeline.tail(), exitCode, timedOut ? StopCause.TIMEOUT : StopCause.NONE);
        return new ContainerResult(exitCode, started, ended, pipeline.phase(), pipeline.phaseTimings(), hint,
                image.id(), image.digest(), timedOut, pipeline.lines());
    }

    /**
     * The exec plan's run: the container idles, the preparation and the build run as execs through the same log
     * pipeline, and the build's exit code decides. An abort or timeout stops the build the way a normal run's stop
     * does (Packer first); {@link #close()} then stops and removes the idling container.
     */
    private ContainerResult executeAsExecs(LogPipeline pipeline) throws InterruptedException {
        ExecPlan plan = spec.execPlan();
        docker.startContainerCmd(containerId).exec();
        events.info("Started container " + name + " (" + containerId.substring(0, 12) + ") from " + image.reference()
                + ", idling (" + String.join(" ", plan.idleCommand()) + ") for the build's execs");
        exit = docker.waitContainerCmd(containerId).exec(new ExitWait());
        heartbeat = startHeartbeat(pipeline, spec.heartbeatInterval());
        ExecSequence.Result r = new ExecSequence(docker, containerId, name, events, clock)
                .run(plan.preparation(), plan.build(), pipeline, spec.timeout(), spec.stopGrace());
        return new ContainerResult(r.exitCode(), r.started(), r.ended(), r.lastPhase(), r.phaseTimings(), r.hint(),
                image.id(), image.digest(), r.timedOut(), r.logLines());
    }

    /** Gives back what the run holds; never throws, and lets each step run even when an earlier one failed. */
    @Override
    public void close() {
        boolean interrupted = Thread.interrupted();
        try {
            if (heartbeat != null) {
                heartbeat.shutdownNow();
            }
            if (containerId != null) {
                String id = containerId;
                attempt("stop container " + name, () -> stopper.stop(id, name, spec.stopGrace(), exit, events));
                attempt("remove container " + name, () -> stopper.remove(id));
            }
            if (exit != null) {
                exit.closeQuietly();
            }
            if (follower != null) {
                follower.closeQuietly();
            }
            if (configMountPointOurs) {
                out.removeMountPoint(OutputFolder.IMAGECONFIG);
            }
            if (isoMountPointOurs) {
                out.removeMountPoint(spec.isoName());
            }
            if (image != null) {
                attempt("give the container's files to uid " + me.uid(), this::handBackOwnership);
            }
            if (modeToRestore != null) {
                attempt("put the mode of " + out.path() + " back", () -> {
                    out.setMode(modeToRestore);
                    lock.recordModeBefore(null);
                    events.info("Put output folder " + out.path() + " back to mode "
                            + PosixFilePermissions.toString(modeToRestore));
                });
            }
            if (config != null) {
                config.close();
                if (Files.exists(config.folder(), LinkOption.NOFOLLOW_LINKS)) {
                    events.info("WARNING: could not delete " + config.folder() + "; it holds secrets, delete it now");
                }
            }
            if (lock != null) {
                lock.close();
            }
            if (folderCreated && containerId == null) {
                // refused or failed before the container: leave no trace of the attempt
                out.deleteIfEmpty();
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private String create() {
        List<Bind> binds = new ArrayList<>();
        binds.add(new Bind(out.path().toString(), new Volume(OutputFolder.CONTAINER_PATH)));
        binds.add(new Bind(config.file().toString(),
                new Volume(OutputFolder.CONTAINER_PATH + "/" + OutputFolder.IMAGECONFIG), AccessMode.ro));
        if (spec.isoPath() != null) {
            binds.add(new Bind(spec.isoPath().toString(), new Volume(OutputFolder.CONTAINER_PATH + "/" + spec.isoName()),
                    AccessMode.ro));
        }
        List<String> env = new ArrayList<>();
        ContainerRunner.ENV.forEach((k, v) -> env.add(k + "=" + v));
        Map<String, String> labels = ContainerRunner.labels(spec.runId(), "builder");
        labels.put(ContainerRunner.LABEL_OUTPUT_DIR, folderKey().toString());
        labels.put(ContainerRunner.LABEL_OWNER, me.owner());
        HostConfig host = HostConfig.newHostConfig().withNetworkMode("host").withBinds(binds);
        var create = docker.createContainerCmd(image.reference())
                .withName(name)
                .withLabels(labels)
                .withEnv(env);
        if (spec.execPlan() != null) {
            // The idle command replaces the image's start-up whether the image has an ENTRYPOINT or only a CMD;
            // the engine's init as PID 1 lets the idling container end at once on SIGTERM.
            List<String> idle = spec.execPlan().idleCommand();
            create = create.withEntrypoint(idle.get(0)).withCmd(idle.subList(1, idle.size()));
            host = host.withInit(true);
        }
        return create.withHostConfig(host).exec().getId();
    }

    /** Opens the folder for the container's user, just before the start, and notes the mode it must get back. */
    private void openFolder() {
        Set<PosixFilePermission> current = out.mode();
        Set<PosixFilePermission> original = lock.modeLeftOpenByEarlierRun(me)
                .map(PosixFilePermissions::fromString).orElse(current);
        if (!original.equals(current)) {
            events.info("An earlier build on " + out.path() + " was killed while the folder was open for its "
                    + "container; its mode goes back to " + PosixFilePermissions.toString(original) + " when this run ends");
        }
        out.openFor(user).ifPresent(before -> events.info("Opened output folder " + out.path()
                + " to mode rwxrwxrwx so the container's user (uid " + user.uid() + ") can write to it; it goes back to "
                + PosixFilePermissions.toString(original) + " when the run ends"));
        if (!out.mode().equals(original)) {
            modeToRestore = original;
            lock.recordModeBefore(PosixFilePermissions.toString(original));
        }
    }

    /** Files written by the container's user belong to its uid; a later workspace cleanup must be able to delete them. */
    private void handBackOwnership() {
        if (me.uid() < 0 || !out.hasFilesNotOwnedBy(me.uid())) {
            return;
        }
        if (me.isRoot()) {
            out.chownAll(me.uid(), me.gid());
            return;
        }
        chownWithHelperContainer(docker, out, image, spec.runId(), me.uid(), me.gid(), events);
    }

    /** A non-root tool cannot chown: a short root container from the same image does it ({@code chown -R}). */
    static void chownWithHelperContainer(DockerClient docker, OutputFolder out, BuilderImage image, String runId,
                                         int uid, int gid, ContainerEvents events) {
        String helper = docker.createContainerCmd(image.id())
                .withName(ContainerRunner.containerName(runId) + "-chown")
                .withLabels(ContainerRunner.labels(runId, "chown"))
                .withUser("0:0")
                .withEntrypoint("chown")
                .withCmd("-R", uid + ":" + gid, OutputFolder.CONTAINER_PATH)
                .withHostConfig(HostConfig.newHostConfig().withNetworkMode("none")
                        .withBinds(new Bind(out.path().toString(), new Volume(OutputFolder.CONTAINER_PATH))))
                .exec().getId();
        ExitWait wait = null;
        try {
            docker.startContainerCmd(helper).exec();
            wait = docker.waitContainerCmd(helper).exec(new ExitWait());
            boolean ended = wait.await(Duration.ofSeconds(60));
            Integer code = wait.statusCode();
            if (!ended || code == null || code != 0) {
                events.info("WARNING: chown of " + out.path() + " to " + uid + ":" + gid + " exited with " + code);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (wait != null) {
                wait.closeQuietly();
            }
            new ContainerStop(docker).remove(helper);
        }
    }

    /** The folder as the engine and the lock see it: symbolic links resolved, so two spellings are one folder. */
    private Path folderKey() {
        try {
            return out.path().toRealPath();
        } catch (IOException e) {
            return out.path();
        }
    }

    /** Asked once per engine address: {@code docker info} is slow, and an engine's user namespaces do not change. */
    private boolean remapsUsers() {
        return REMAPS_USERS.computeIfAbsent(EngineConnection.describe(spec.dockerHost()), host -> {
            try {
                List<String> options = docker.infoCmd().exec().getSecurityOptions();
                return options != null
                        && options.stream().anyMatch(o -> o.contains("name=userns") || o.contains("name=rootless"));
            } catch (DockerException e) {
                return false;
            }
        });
    }

    private int exitCode() {
        Integer reported = exit.statusCode();
        if (reported != null) {
            return reported;
        }
        Long code = docker.inspectContainerCmd(containerId).exec().getState().getExitCodeLong();
        return code == null ? -1 : code.intValue();
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

    private static void drain(LogFollower follower, Duration max) {
        try {
            follower.awaitDrained(max);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void attempt(String what, Runnable step) {
        try {
            step.run();
        } catch (ContainerRunException e) {
            events.info("WARNING: could not " + what + ": " + e.getMessage());
        } catch (DockerException e) {
            events.info("WARNING: could not " + what + ": " + masker.mask(EngineFailure.engineMessage(e)));
        } catch (RuntimeException e) {
            events.info("WARNING: could not " + what + ": " + masker.mask(String.valueOf(e.getMessage())));
        }
    }

    private static void throwIfInterrupted() throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException("the build was interrupted");
        }
    }
}
