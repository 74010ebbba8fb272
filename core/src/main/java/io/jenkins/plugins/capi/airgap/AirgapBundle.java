package io.jenkins.plugins.capi.airgap;

import io.jenkins.plugins.capi.config.BuilderVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;

/**
 * What a vendor air-gap bundle holds, as read once without writing anything: the {@code capi-image-builder-<tag>.tgz}
 * archive, or the folder it was extracted into. Made by {@link #inspect}.
 */
public final class AirgapBundle {

    public enum Kind { ARCHIVE, FOLDER }

    /**
     * One {@code docker save} tar of the bundle.
     *
     * @param entry its name in the archive (or path in the folder), e.g. {@code capi-builder-v4.6.24.tar}
     * @param tag   the tag in its name, e.g. {@code v4.6.24}
     * @param size  its size in bytes (uncompressed)
     */
    public record ImageTar(String entry, String tag, long size) {}

    private final Path source;
    private final Kind kind;
    private final ImageTar builder;
    private final ImageTar yum;
    private final List<String> rpmRepoFiles;
    private final List<String> kickstarts;
    private final boolean imageConfigTemplate;

    private AirgapBundle(Path source, Kind kind, ImageTar builder, ImageTar yum, List<String> rpmRepoFiles,
                         List<String> kickstarts, boolean imageConfigTemplate) {
        this.source = source;
        this.kind = kind;
        this.builder = builder;
        this.yum = yum;
        this.rpmRepoFiles = List.copyOf(rpmRepoFiles);
        this.kickstarts = List.copyOf(kickstarts);
        this.imageConfigTemplate = imageConfigTemplate;
    }

    /**
     * Lists the bundle. An archive is read from start to end once (gzip cannot seek), the image tars only skipped;
     * nothing is written anywhere.
     *
     * @throws AirgapException when the source is missing or is neither a readable {@code .tgz} nor a folder
     * @throws InterruptedException when the thread is interrupted while reading
     */
    public static AirgapBundle inspect(Path source, AirgapEvents events) throws InterruptedException {
        Path s = source.toAbsolutePath().normalize();
        if (Files.isDirectory(s)) {
            return inspectFolder(s);
        }
        if (!Files.isRegularFile(s)) {
            throw new AirgapException("the air-gap archive " + s + " does not exist");
        }
        try {
            return inspectArchive(s, events);
        } catch (IOException e) {
            throw new AirgapException("cannot read the air-gap archive " + s + ": " + e.getMessage(), e);
        }
    }

    private static AirgapBundle inspectArchive(Path file, AirgapEvents events) throws IOException, InterruptedException {
        ImageTar builder = null;
        ImageTar yum = null;
        List<String> rpms = new ArrayList<>();
        List<String> kickstarts = new ArrayList<>();
        boolean template = false;
        try (ArchiveStream in = new ArchiveStream(file)) {
            ProgressReporter progress = new ProgressReporter(events, AirgapProgress.Step.INSPECTING,
                    file.getFileName().toString(), in::position, in.size());
            progress.report();
            TarArchiveEntry e;
            while ((e = in.next()) != null) {
                ArchiveLayout.Entry part = ArchiveLayout.classify(e.getName());
                boolean regular = e.isFile();
                switch (part.part()) {
                    case BUILDER_IMAGE -> builder = regular ? new ImageTar(e.getName(), part.tag(), e.getSize()) : builder;
                    case YUM_IMAGE -> yum = regular ? new ImageTar(e.getName(), part.tag(), e.getSize()) : yum;
                    case RPM_REPO -> {
                        if (regular && !part.path().isEmpty()) {
                            rpms.add(part.path());
                        }
                    }
                    case KICKSTART -> {
                        if (regular && !part.path().isEmpty()) {
                            kickstarts.add(part.path());
                        }
                    }
                    case IMAGE_CONFIG -> template |= regular;
                    case OTHER -> { }
                }
                if (e.getSize() > 0) {
                    in.skipContent();
                }
                progress.maybeReport();
            }
            progress.report();
        }
        return new AirgapBundle(file, Kind.ARCHIVE, builder, yum, rpms, kickstarts, template);
    }

    private static AirgapBundle inspectFolder(Path dir) {
        ImageTar builder = null;
        ImageTar yum = null;
        try (Stream<Path> top = Files.list(dir)) {
            for (Path p : top.sorted().toList()) {
                if (!Files.isRegularFile(p)) {
                    continue;
                }
                ArchiveLayout.Entry e = ArchiveLayout.classify(p.getFileName().toString());
                if (e.part() == ArchiveLayout.Part.BUILDER_IMAGE) {
                    builder = new ImageTar(p.getFileName().toString(), e.tag(), Files.size(p));
                } else if (e.part() == ArchiveLayout.Part.YUM_IMAGE) {
                    yum = new ImageTar(p.getFileName().toString(), e.tag(), Files.size(p));
                }
            }
            return new AirgapBundle(dir, Kind.FOLDER, builder, yum, filesBelow(dir.resolve(ArchiveLayout.RPM_REPO)),
                    filesBelow(dir.resolve(ArchiveLayout.KICKSTART)),
                    Files.isRegularFile(dir.resolve(ArchiveLayout.OUTPUT).resolve(ArchiveLayout.IMAGE_CONFIG)));
        } catch (IOException e) {
            throw new AirgapException("cannot read the extracted air-gap folder " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Regular files below {@code dir}, relative, sorted; symbolic links are not followed. */
    static List<String> filesBelow(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(p -> Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS))
                    .map(p -> dir.relativize(p).toString().replace('\\', '/')).sorted().toList();
        }
    }

    /** The archive file or the extracted folder. */
    public Path source() {
        return source;
    }

    public Kind kind() {
        return kind;
    }

    public Optional<ImageTar> builderImage() {
        return Optional.ofNullable(builder);
    }

    public Optional<ImageTar> yumImage() {
        return Optional.ofNullable(yum);
    }

    /** Files of {@code rpmrepo/}, relative to it. */
    public List<String> rpmRepoFiles() {
        return rpmRepoFiles;
    }

    public YumPackages packages() {
        return YumPackages.of(rpmRepoFiles);
    }

    /** File names in {@code kickstart/}, e.g. {@code ks.cfg.rocky8}. */
    public List<String> kickstarts() {
        return kickstarts;
    }

    /** Whether the bundle has the vendor's {@code output/imageconfig} template. */
    public boolean hasImageConfigTemplate() {
        return imageConfigTemplate;
    }

    /** The tag of the builder in the bundle: from its image tar's name, else from the archive's own name. */
    public Optional<String> builderTag() {
        if (builder != null) {
            return Optional.of(builder.tag());
        }
        return kind == Kind.ARCHIVE ? ArchiveLayout.archiveTag(source.getFileName().toString()) : Optional.empty();
    }

    public Optional<BuilderVersion> builderVersion() {
        return builderTag().flatMap(BuilderVersion::parse);
    }

    /** How a message names one of its entries: {@code capi-image-builder-v4.6.24.tgz!rpmrepo/} or a folder path. */
    public String describe(String entry) {
        return kind == Kind.ARCHIVE ? source + "!" + entry : source.resolve(entry).toString();
    }

    @Override
    public String toString() {
        return "AirgapBundle[" + source + ", " + kind + ", builder=" + builder + ", yum=" + yum + ", rpmrepo="
                + rpmRepoFiles.size() + " files, kickstarts=" + kickstarts + "]";
    }
}
