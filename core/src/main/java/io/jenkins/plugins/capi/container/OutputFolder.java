package io.jenkins.plugins.capi.container;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The host folder mounted at {@code /home/imagebuilder/output}: created and opened up for the container's
 * non-root user ({@code chmod a+rwx}, as the vendor documents), cleared of an earlier run's {@code <image_name>/},
 * and holding the rendered imageconfig only while the container runs.
 *
 * <p>The imageconfig holds the vCenter password. When the tool runs as root it is chowned to the image's user and
 * made mode 0400; otherwise it must be world-readable (0644), because the container user is a different uid and a
 * non-root process cannot give a file to another uid or to a group it is not in. Either way it exists only while
 * the container runs and is deleted in a {@code finally}; a file left by a crashed run carries a marker line and is
 * removed by the next run.
 */
public final class OutputFolder {

    public static final String CONTAINER_PATH = "/home/imagebuilder/output";
    public static final String IMAGECONFIG = "imageconfig";
    static final String MARKER = "# rendered by capi-image-build for one run; deleted when the run ends";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final Path dir;

    public OutputFolder(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    public Path path() {
        return dir;
    }

    public Path imageConfig() {
        return dir.resolve(IMAGECONFIG);
    }

    /** Creates the folder and makes it writable for any container user. */
    public void create() {
        try {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        } catch (IOException e) {
            throw new ContainerRunException("Cannot create output folder " + dir + " or make it writable (chmod a+rwx): "
                    + e.getMessage(), e);
        }
    }

    /** Moves an earlier run's {@code <image_name>/} aside or refuses; returns where it went. */
    public Optional<Path> clearStale(String imageName, StalePolicy policy, Clock clock) {
        Path previous = dir.resolve(imageName);
        if (!Files.exists(previous, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        if (policy == StalePolicy.REFUSE) {
            throw new ContainerRunException("Output folder " + previous + " exists from an earlier run. Move or delete it, "
                    + "or let the tool move it aside (stale policy MOVE_ASIDE); the builder would mix old and new files.");
        }
        Path target = dir.resolve(imageName + ".stale-" + STAMP.format(clock.instant()));
        for (int i = 1; Files.exists(target); i++) {
            target = dir.resolve(imageName + ".stale-" + STAMP.format(clock.instant()) + "-" + i);
        }
        try {
            Files.move(previous, target);
        } catch (IOException e) {
            throw new ContainerRunException("Cannot move the earlier run's " + previous + " aside to " + target + ": "
                    + e.getMessage(), e);
        }
        return Optional.of(target);
    }

    /** Refuses to overwrite a user's own imageconfig; removes one left by a crashed run of this tool. */
    public void checkNoForeignImageConfig() {
        Path f = imageConfig();
        if (!Files.exists(f, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (isOurs(f)) {
            deleteImageConfig();
            return;
        }
        throw new ContainerRunException("The output folder already holds an imageconfig (" + f + ") that this tool did "
                + "not write. The tool writes the rendered config there for the run and deletes it afterwards; keep your "
                + "own imageconfig outside the output folder and pass it as the config file.");
    }

    /**
     * Writes the rendered config, readable by {@code uid} (the container user) and as few others as possible.
     * @param ownerUid the container user's uid, or -1 when unknown
     */
    public void writeImageConfig(String text, int ownerUid, int ownerGid, boolean canChown) {
        Path f = imageConfig();
        try {
            Files.deleteIfExists(f);
            Files.createFile(f, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(f, MARKER + "\n" + text + (text.endsWith("\n") ? "" : "\n"), StandardCharsets.UTF_8,
                    StandardOpenOption.TRUNCATE_EXISTING);
            if (canChown && ownerUid >= 0) {
                Files.setAttribute(f, "unix:uid", ownerUid);
                Files.setAttribute(f, "unix:gid", Math.max(ownerGid, 0));
                Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("r--------"));
            } else {
                Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
            }
        } catch (FileAlreadyExistsException e) {
            throw new ContainerRunException("Cannot write " + f + ": it appeared while the run was starting", e);
        } catch (IOException | UnsupportedOperationException e) {
            deleteImageConfig();
            throw new ContainerRunException("Cannot write the rendered imageconfig to " + f + ": " + e.getMessage(), e);
        }
    }

    /** Deletes the rendered config; never throws (it runs in {@code finally}). Returns false if it could not. */
    public boolean deleteImageConfig() {
        try {
            Files.deleteIfExists(imageConfig());
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** True when something under the folder is owned by another uid than {@code uid}. */
    public boolean hasFilesNotOwnedBy(int uid) {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.anyMatch(p -> ownerOf(p) != uid);
        } catch (IOException | RuntimeException e) {
            return true;
        }
    }

    /** Gives every file under the folder to {@code uid:gid}; only root may do this. */
    public void chownAll(int uid, int gid) {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.toList()) {
                Files.setAttribute(p, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
                Files.setAttribute(p, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
            }
        } catch (IOException e) {
            throw new ContainerRunException("Cannot chown " + dir + " to " + uid + ":" + gid + ": " + e.getMessage(), e);
        }
    }

    /** The uid this process creates files as (the owner of a file it just made). */
    public int ownUid() {
        try {
            Path probe = Files.createTempFile(dir, ".uid-probe", "");
            try {
                return ownerOf(probe);
            } finally {
                Files.deleteIfExists(probe);
            }
        } catch (IOException e) {
            throw new ContainerRunException("Cannot write to output folder " + dir + ": " + e.getMessage(), e);
        }
    }

    public int ownGid() {
        try {
            Path probe = Files.createTempFile(dir, ".gid-probe", "");
            try {
                return (Integer) Files.getAttribute(probe, "unix:gid", LinkOption.NOFOLLOW_LINKS);
            } finally {
                Files.deleteIfExists(probe);
            }
        } catch (IOException e) {
            throw new ContainerRunException("Cannot write to output folder " + dir + ": " + e.getMessage(), e);
        }
    }

    static int ownerOf(Path p) {
        try {
            return (Integer) Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return -1;
        }
    }

    private static boolean isOurs(Path f) {
        try (var lines = Files.lines(f, StandardCharsets.UTF_8)) {
            return lines.findFirst().map(MARKER::equals).orElse(false);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
