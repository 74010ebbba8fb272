package io.jenkins.plugins.capi.airgap;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;

/**
 * Puts a bundle to use: the image tars that are to be loaded go to the engine as streams, and {@code rpmrepo/},
 * {@code kickstart/} and {@code output/imageconfig} go to the work folder; nothing else is written. An archive is
 * read once, in order: while the engine registers the layers of one image the reading goes on with the next entries.
 *
 * <p>Every image the engine finished loading is named as the vendor documents it ({@link VendorImages}) before
 * anything else happens, also when the build is aborted meanwhile, so no load leaves a stray name behind.
 */
final class BundleUnpacker {

    /** How long the engine may take to register an image after its tar was sent. */
    static final Duration REGISTER_TIMEOUT = Duration.ofMinutes(30);
    /** On abort, how long to let a load whose tar was fully sent finish, so that it can be named properly. */
    static final Duration FINISH_ON_ABORT = Duration.ofMinutes(2);

    enum Role { BUILDER, YUM }

    /** A load in flight: which image, under which tag. */
    private record Pending(Role role, String tag, String what, ImageLoad load) {}

    private final DockerClient docker;
    private final Path socket;
    private final AirgapBundle bundle;
    private final WorkFolder work;
    private final AirgapEvents events;
    private final List<Pending> pending = new ArrayList<>();
    private String builderReference;

    /** @param socket the engine's UNIX socket to send images over, or null to send them through docker-java */
    BundleUnpacker(DockerClient docker, Path socket, AirgapBundle bundle, WorkFolder work, AirgapEvents events) {
        this.docker = docker;
        this.socket = socket;
        this.bundle = bundle;
        this.work = work;
        this.events = events;
    }

    /**
     * Unpacks the bundle, loading the builder and the Yum image when asked.
     *
     * @throws AirgapException when reading, writing or loading fails
     * @throws InterruptedException when interrupted; a partly sent image is discarded by the engine, a fully sent
     *         one is given its documented name
     */
    void unpack(boolean loadBuilder, boolean loadYum) throws InterruptedException {
        try {
            if (bundle.kind() == AirgapBundle.Kind.ARCHIVE) {
                unpackArchive(loadBuilder, loadYum);
            } else {
                unpackFolder(loadBuilder, loadYum);
            }
            while (!pending.isEmpty()) {
                Pending p = pending.get(0);
                name(p, p.load().awaitLoaded(REGISTER_TIMEOUT));
                pending.remove(0);
            }
        } catch (InterruptedException e) {
            settleAfterAbort();
            throw e;
        } catch (IOException e) {
            abortAll();
            throw new AirgapException("cannot unpack " + bundle.source() + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            abortAll();
            throw e;
        }
    }

    /** The builder reference to run, once loaded; null when it was not loaded. */
    String builderReference() {
        return builderReference;
    }

    private void unpackArchive(boolean loadBuilder, boolean loadYum) throws IOException, InterruptedException {
        Path file = bundle.source();
        try (ArchiveStream in = new ArchiveStream(file)) {
            ProgressReporter extracting = new ProgressReporter(events, AirgapProgress.Step.EXTRACTING,
                    file.getFileName().toString(), in::position, in.size());
            extracting.report();
            int skipped = 0;
            TarArchiveEntry e;
            while ((e = in.next()) != null) {
                if (Thread.interrupted()) {
                    throw new InterruptedException("interrupted while unpacking " + file);
                }
                ArchiveLayout.Entry entry = ArchiveLayout.classify(e.getName());
                switch (entry.part()) {
                    case BUILDER_IMAGE, YUM_IMAGE -> {
                        Role role = entry.part() == ArchiveLayout.Part.BUILDER_IMAGE ? Role.BUILDER : Role.YUM;
                        if (e.isFile() && (role == Role.BUILDER ? loadBuilder : loadYum)) {
                            ProgressReporter loading = new ProgressReporter(events, AirgapProgress.Step.LOADING,
                                    e.getName(), in::position, in.size());
                            send(role, entry.tag(), bundle.describe(e.getName()), in.content(), loading);
                        } else {
                            in.skipContent();
                        }
                    }
                    case RPM_REPO, KICKSTART, IMAGE_CONFIG -> {
                        if (!work.write(entry, e.isDirectory(), e.isFile(), e.getMode(), in.content())) {
                            skipped++;
                        }
                    }
                    case OTHER -> in.skipContent();
                }
                extracting.maybeReport();
            }
            extracting.report();
            if (skipped > 0) {
                events.info("Skipped " + skipped + " links or special files in " + file + " (only folders and regular "
                        + "files are extracted)");
            }
        }
    }

    private void unpackFolder(boolean loadBuilder, boolean loadYum) throws IOException, InterruptedException {
        Path dir = bundle.source();
        if (loadBuilder) {
            AirgapBundle.ImageTar t = bundle.builderImage().orElseThrow();
            sendFile(Role.BUILDER, t, dir.resolve(t.entry()));
        }
        if (loadYum) {
            AirgapBundle.ImageTar t = bundle.yumImage().orElseThrow();
            sendFile(Role.YUM, t, dir.resolve(t.entry()));
        }
        for (String f : bundle.rpmRepoFiles()) {
            work.copy(new ArchiveLayout.Entry(ArchiveLayout.Part.RPM_REPO, f, null), dir.resolve(ArchiveLayout.RPM_REPO)
                    .resolve(f));
        }
        for (String f : bundle.kickstarts()) {
            work.copy(new ArchiveLayout.Entry(ArchiveLayout.Part.KICKSTART, f, null), dir.resolve(ArchiveLayout.KICKSTART)
                    .resolve(f));
        }
        if (bundle.hasImageConfigTemplate()) {
            work.copy(new ArchiveLayout.Entry(ArchiveLayout.Part.IMAGE_CONFIG, ArchiveLayout.IMAGE_CONFIG, null),
                    dir.resolve(ArchiveLayout.OUTPUT).resolve(ArchiveLayout.IMAGE_CONFIG));
        }
        if (Thread.interrupted()) {
            throw new InterruptedException("interrupted while copying from " + dir);
        }
    }

    private void sendFile(Role role, AirgapBundle.ImageTar t, Path file) throws IOException, InterruptedException {
        try (CountingStream in = new CountingStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            ProgressReporter loading = new ProgressReporter(events, AirgapProgress.Step.LOADING, t.entry(), in::count,
                    t.size());
            send(role, t.tag(), file.toString(), in, loading);
            // the stream is closed when this returns: wait for the answer while it is open
            Pending p = pending.get(pending.size() - 1);
            name(p, p.load().awaitLoaded(REGISTER_TIMEOUT));
            pending.remove(p);
        }
    }

    private void send(Role role, String tag, String what, InputStream tar, ProgressReporter progress)
            throws InterruptedException {
        events.info("Loading " + what + " into the engine");
        ImageLoad load = ImageLoad.start(docker, socket, what, tar, progress);
        pending.add(new Pending(role, tag, what, load));
        load.awaitBodySent();
        if (!load.bodySent()) {
            // the engine answered before the end of the tar: that is an error, report it now
            load.awaitLoaded(Duration.ofSeconds(10));
        }
    }

    /**
     * Names a loaded image as documented: tags {@code localhost/capi-builder:<tag>} (or {@code localhost/yum-repo:<tag>})
     * and drops the {@code localhost/<tag>:latest} name newer archives load under.
     */
    private void name(Pending p, List<String> loaded) {
        String documented = p.role() == Role.BUILDER ? VendorImages.builder(p.tag()) : VendorImages.yum(p.tag());
        if (loaded.size() > 1) {
            events.info(p.what() + " held " + loaded.size() + " images " + loaded + "; using the first");
        }
        String first = loaded.get(0);
        try {
            String id = EngineImages.idOf(docker, first).orElseThrow(() -> new AirgapException(
                    "the engine reported loading " + first + " from " + p.what() + " but does not have it"));
            EngineImages.tag(docker, id, documented);
            String artefact = VendorImages.loadArtefact(p.tag());
            if (loaded.contains(artefact)) {
                EngineImages.untag(docker, artefact);
            }
            events.info("Loaded " + p.what() + " as " + documented + " (" + id + ")"
                    + (loaded.contains(artefact) ? "; dropped the load name " + artefact : ""));
        } catch (DockerException e) {
            throw new AirgapException("cannot tag the image loaded from " + p.what() + " as " + documented + ": "
                    + e.getMessage(), e);
        }
        if (p.role() == Role.BUILDER) {
            builderReference = documented;
        }
    }

    /** After an interrupt: finish naming what the engine already has in full, discard the rest. */
    private void settleAfterAbort() {
        Thread.interrupted(); // the waits below must wait; the caller rethrows the interrupt
        for (Pending p : pending) {
            if (!p.load().bodySent()) {
                p.load().abort();
                continue;
            }
            events.info("Aborted while the engine registers " + p.what() + "; letting it finish (at most "
                    + FINISH_ON_ABORT.toMinutes() + " min) to name it as documented");
            try {
                name(p, p.load().awaitLoaded(FINISH_ON_ABORT));
            } catch (AirgapException | InterruptedException e) {
                p.load().abort();
                events.info("Could not finish " + p.what() + ": " + e.getMessage() + "; if the engine still "
                        + "completes it, remove " + VendorImages.loadArtefact(p.tag()) + " by hand");
            }
        }
        pending.clear();
    }

    private void abortAll() {
        pending.forEach(p -> p.load().abort());
        pending.clear();
    }
}
