package io.jenkins.plugins.capi.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import io.jenkins.plugins.capi.logs.ProgressEvent;
import io.jenkins.plugins.capi.logs.SecretMasker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs the builder container as the vendor documents it ({@code docker run --net=host -v <out>:/home/imagebuilder/output
 * <image>}, no command), observably and safely:
 * <ul>
 *   <li>every refusal comes before anything is changed, pulled or started (engine, output folder, ISO, another
 *       build on the folder, a container a killed build left on it);</li>
 *   <li>the rendered imageconfig never enters the output folder: it is mounted read-only from a private folder
 *       ({@link PrivateImageConfig});</li>
 *   <li>the log is followed live through the {@link io.jenkins.plugins.capi.logs.LogPipeline} (masked before it
 *       reaches the listener);</li>
 *   <li>abort (interrupt) and timeout send SIGTERM to Packer inside the container and give it the grace period
 *       to clean up before the container is killed ({@link ContainerStop});</li>
 *   <li>containers carry labels and a deterministic name, and leftovers of earlier runs are reaped once per build
 *       ({@link LeftoverReaper}).</li>
 * </ul>
 * One runner per engine; it holds the client, not per-run state (that is {@link ContainerRun}), and is safe to
 * share.
 */
public final class ContainerRunner {

    public static final String LABEL_TOOL = "io.jenkins.capi.tool";
    public static final String TOOL = "capi-image-builder";
    public static final String LABEL_RUN_ID = "io.jenkins.capi.run-id";
    public static final String LABEL_ROLE = "io.jenkins.capi.role";
    /** The output folder a builder container uses (symbolic links resolved). */
    public static final String LABEL_OUTPUT_DIR = "io.jenkins.capi.output-dir";
    /** {@code <pid>@<host>} of the process that started a builder container. */
    public static final String LABEL_OWNER = "io.jenkins.capi.owner";
    /** Harmless for an entrypoint that ignores it; KIB's Makefile passes it to packer (no colour codes). */
    static final Map<String, String> ENV = Map.of("PACKER_COLOR", "false");

    /** A stopped container of another run is only reaped after this long: that run may still be cleaning up. */
    public static final Duration DEFAULT_ABANDONED_AFTER = Duration.ofMinutes(10);

    private final DockerClient docker;
    private final Clock clock;
    private final LeftoverReaper reaper;
    private final Path privateRoot;

    public ContainerRunner(DockerClient docker) {
        this(docker, Clock.systemUTC(), DEFAULT_ABANDONED_AFTER, defaultPrivateRoot());
    }

    /**
     * @param abandonedAfter how long a stopped container of another run is left alone
     * @param privateRoot    where the private folders of rendered imageconfigs are made (outside any workspace)
     */
    public ContainerRunner(DockerClient docker, Clock clock, Duration abandonedAfter, Path privateRoot) {
        this.docker = docker;
        this.clock = clock;
        this.reaper = new LeftoverReaper(docker, clock, abandonedAfter);
        this.privateRoot = privateRoot;
    }

    /** The host's temporary folder ({@code java.io.tmpdir}). */
    public static Path defaultPrivateRoot() {
        return Path.of(System.getProperty("java.io.tmpdir"));
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
        files.add(new ContainerPlan.PreparedFile(out.path().toString(), (Files.isDirectory(out.path())
                ? "exists" : "created") + "; mode opened to rwxrwxrwx for the container's user when the container "
                + "starts (unless it can write already), put back when the run ends"));
        files.add(new ContainerPlan.PreparedFile(out.path().resolve(FolderLock.FILE).toString(),
                "locked for the run: a second build on this folder is refused"));
        Path stale = out.path().resolve(spec.imageName());
        files.add(new ContainerPlan.PreparedFile(stale.toString(), Files.exists(stale)
                ? (spec.stalePolicy() == StalePolicy.REFUSE ? "exists from an earlier run: REFUSE"
                        : "exists from an earlier run: moved aside to " + spec.imageName() + OutputFolder.STALE_MARK
                                + "<UTC time>; older moved-aside copies are deleted")
                : "written by the builder"));
        files.add(new ContainerPlan.PreparedFile(privateRoot.resolve(PrivateImageConfig.PREFIX + "<random>/"
                + OutputFolder.IMAGECONFIG).toString(), "rendered imageconfig (" + spec.imageConfigText().lines().count()
                + " lines, holds secrets): written to a private folder (0700), mounted read-only over "
                + out.imageConfig() + ", deleted when the run ends; " + (Files.exists(out.imageConfig())
                        ? "the folder's own imageconfig is left as it is" : "the empty mount point is removed")));
        if (spec.isoPath() != null) {
            files.add(new ContainerPlan.PreparedFile(out.path().resolve(spec.isoName()).toString(),
                    "mount point for " + spec.isoPath() + " (read-only); removed after the run"));
        }
        files.add(new ContainerPlan.PreparedFile(out.path().toString() + "/**",
                "after the run: files the container created are given to this tool's user (by a short helper "
                        + "container when the tool is not root)"));
        return new ContainerPlan(containerName(spec.runId()), spec.imageRef(), source, "host", user,
                spec.execPlan() == null ? List.of() : spec.execPlan().idleCommand(), mounts(spec, out),
                List.copyOf(ENV.keySet()), labels(spec.runId(), "builder"), files);
    }

    private List<ContainerPlan.Mount> mounts(RunSpec spec, OutputFolder out) {
        List<ContainerPlan.Mount> m = new ArrayList<>();
        m.add(new ContainerPlan.Mount(spec.outputDir().toString(), OutputFolder.CONTAINER_PATH, false));
        m.add(new ContainerPlan.Mount(privateRoot.resolve(PrivateImageConfig.PREFIX + "<random>/"
                + OutputFolder.IMAGECONFIG).toString(), OutputFolder.CONTAINER_PATH + "/" + OutputFolder.IMAGECONFIG, true));
        if (spec.isoPath() != null) {
            m.add(new ContainerPlan.Mount(spec.isoPath().toString(), OutputFolder.CONTAINER_PATH + "/" + spec.isoName(), true));
        }
        return m;
    }

    /**
     * Runs the builder to completion, timeout or interrupt.
     *
     * @throws InterruptedException when the calling thread was interrupted; Packer has then been given the grace
     *         period to clean up, the container removed, the private imageconfig deleted, the folder's mode put back,
     *         and the interrupt flag is set
     * @throws ContainerRunException when the engine, the image or the output folder fail, or the folder is in use;
     *         nothing is left running and every refusal comes before anything was changed, pulled or started
     */
    public ContainerResult run(RunSpec spec, ContainerEvents listener) throws InterruptedException {
        SecretMasker masker = SecretMasker.of(spec.secrets());
        ContainerEvents events = new MaskedInfo(listener, masker);
        try (ContainerRun run = new ContainerRun(docker, clock, privateRoot, spec, masker, events)) {
            run.check();
            run.claimFolder(reaper);
            run.obtainImage();
            run.prepareFolder();
            return run.execute();
        } catch (ContainerRunException e) {
            throw e.masked(masker::mask);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw e;
        } catch (RuntimeException e) {
            if (EngineFailure.isEngineFailure(e)) {
                throw EngineFailure.of(e, spec.dockerHost(), "running " + containerName(spec.runId()), masker);
            }
            throw e;
        }
    }

    /** Stops (Packer first, with {@code stopGrace}) and removes every container of {@code runId}. */
    public int removeContainersOf(String runId, Duration stopGrace) {
        ContainerStop stopper = new ContainerStop(docker);
        int removed = 0;
        for (Container c : docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(LABEL_TOOL, TOOL, LABEL_RUN_ID, runId)).exec()) {
            stopper.stop(c.getId(), c.getId(), stopGrace, null, ContainerEvents.NONE);
            stopper.remove(c.getId());
            removed++;
        }
        return removed;
    }

    static String shortHash(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
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
        public void progress(ProgressEvent event) {
            delegate.progress(event);
        }
    }
}
