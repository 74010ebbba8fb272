package io.jenkins.plugins.capi.airgap;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import io.jenkins.plugins.capi.logs.SecretMasker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The running half of an air-gapped build: images loaded under their documented names, the bundle's small parts in
 * the work folder, the certificate beside the packages, the Yum repository serving them, and the Kubernetes pack
 * uploaded when asked. {@link #close()} takes it all down again: the Yum repository is stopped and removed, a
 * staged {@code ks.cfg} removed, the work folder deleted. The loaded images stay, under their documented names, so
 * the next build with the same bundle need not load them again.
 */
public final class AirgapEnvironment implements AutoCloseable {

    static final String CERTIFICATE_NAME = "server.crt";

    private final WorkFolder work;
    private final AirgapEvents events;
    private final List<Path> staged = new ArrayList<>();
    private String builderImage;
    private String yumImage;
    private YumRepository yum;
    private boolean closed;

    private AirgapEnvironment(WorkFolder work, AirgapEvents events) {
        this.work = work;
        this.events = events;
    }

    static AirgapEnvironment setUp(AirgapPreparation prep, DockerClient docker, AirgapEvents events)
            throws InterruptedException {
        AirgapRequest r = prep.request();
        AirgapBundle bundle = prep.bundle().orElseThrow();
        AirgapEnvironment env = new AirgapEnvironment(new WorkFolder(r.workDir()), events);
        try {
            env.work.create();
            BundleUnpacker unpacker = new BundleUnpacker(docker, EngineSocket.unixSocketOf(r.dockerHost()).orElse(null),
                    bundle, env.work, events);
            boolean loadBuilder = !prep.builderAlreadyLoaded() && bundle.builderImage().isPresent();
            boolean loadYum = !prep.yumAlreadyLoaded();
            String builderTag = bundle.builderTag().orElseThrow();
            String yumTag = bundle.yumImage().orElseThrow().tag();
            if (!loadBuilder) {
                events.info("Using " + VendorImages.builder(builderTag) + ", already loaded");
            }
            if (!loadYum) {
                events.info("Using " + VendorImages.yum(yumTag) + ", already loaded");
            }
            unpacker.unpack(loadBuilder, loadYum);
            env.builderImage = VendorImages.builder(builderTag);
            env.yumImage = VendorImages.yum(yumTag);
            env.copyCertificate(r);
            env.yum = YumRepository.start(docker, new YumRepository.Spec(env.yumImage, env.work.rpmRepo(),
                    r.yumPort(), r.runId(), r.yumReadyTimeout(), r.engineHost()), events);
            if (r.kubernetesPack() != null && r.runKubernetesPack()) {
                KubernetesPack.run(r.kubernetesPack(), env.work.root().resolve("pack"), r.packTimeout(),
                        SecretMasker.of(r.secrets()), events);
            }
            return env;
        } catch (InterruptedException | RuntimeException | Error e) {
            env.closeAfterFailure(e);
            throw e;
        }
    }

    private void copyCertificate(AirgapRequest r) {
        Path target = work.rpmRepo().resolve(CERTIFICATE_NAME);
        try {
            Files.copy(r.certificate(), target, StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r--r--"));
        } catch (IOException e) {
            throw new AirgapException("cannot copy the support VM certificate " + r.certificate() + " to " + target
                    + ": " + e.getMessage(), e);
        }
        events.info("Copied the support VM certificate " + r.certificate() + " to " + target);
    }

    /** The image the builder container runs from, e.g. {@code localhost/capi-builder:v4.6.24}. */
    public String builderImage() {
        return builderImage;
    }

    /** The image the Yum repository runs from, e.g. {@code localhost/yum-repo:v1.0.0}. */
    public String yumImage() {
        return yumImage;
    }

    public YumRepository yumRepository() {
        return yum;
    }

    /** The build's folder holding {@code rpmrepo/}, {@code kickstart/} and the imageconfig template. */
    public Path workDir() {
        return work.root();
    }

    /** The vendor's kickstart for an {@code os_version}, e.g. {@code kickstart/ks.cfg.rocky8}. */
    public Optional<Path> kickstart(String osVersion) {
        return ArchiveLayout.kickstartFor(osVersion).map(work.kickstarts()::resolve).filter(Files::isRegularFile);
    }

    /** The vendor's {@code output/imageconfig} template, to start a config from. */
    public Optional<Path> imageConfigTemplate() {
        return Optional.of(work.imageConfigTemplate()).filter(Files::isRegularFile);
    }

    /**
     * Copies the vendor's kickstart for {@code osVersion} into the output folder as {@code ks.cfg}, as the guide
     * does, unless the folder has one already (the user's is kept). The copy is removed by {@link #close()}.
     *
     * @return the file written, or empty when none was
     */
    public Optional<Path> stageKickstart(Path outputDir, String osVersion) {
        Optional<Path> source = kickstart(osVersion);
        Path target = outputDir.toAbsolutePath().normalize().resolve("ks.cfg");
        if (source.isEmpty() || Files.exists(target)) {
            return Optional.empty();
        }
        try {
            Files.createDirectories(outputDir);
            Files.copy(source.get(), target);
            Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r--r--"));
        } catch (IOException e) {
            throw new AirgapException("cannot copy " + source.get() + " to " + target + ": " + e.getMessage(), e);
        }
        staged.add(target);
        events.info("Staged " + source.get().getFileName() + " as " + target);
        return Optional.of(target);
    }

    /** Stops and removes the Yum repository, removes staged files and the work folder. Safe to call twice. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<String> problems = new ArrayList<>();
        if (yum != null) {
            try {
                yum.close();
                events.info("Removed the Yum repository " + yum.containerName());
            } catch (DockerException e) {
                problems.add("the Yum repository " + yum.containerName() + ": " + e.getMessage());
            }
        }
        for (Path p : staged) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                problems.add(p + ": " + e.getMessage());
            }
        }
        try {
            work.delete();
        } catch (AirgapException e) {
            problems.add(e.getMessage());
        }
        if (!problems.isEmpty()) {
            throw new AirgapException("could not clean up after the air-gapped build: " + String.join("; ", problems));
        }
    }

    private void closeAfterFailure(Throwable cause) {
        try {
            close();
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }
}
