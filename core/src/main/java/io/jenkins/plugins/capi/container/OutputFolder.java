package io.jenkins.plugins.capi.container;

import io.jenkins.plugins.capi.container.ContainerRunException.Kind;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The host folder mounted at {@code /home/imagebuilder/output}: the user's inputs (their own imageconfig, ISO,
 * ks.cfg, custom scripts) and the builder's outputs under {@code <image_name>/}.
 *
 * <p>What the runner does to it, and when: the checks here change nothing; the folder is created if missing; an
 * earlier run's {@code <image_name>/} is moved aside to {@code <image_name>.stale-<UTC time>} and only the newest
 * such copy is kept; the mode is opened for the container's user only while the container runs and then put back;
 * the empty mount points the engine creates for single-file mounts are removed; files the container created are
 * handed back to this tool's user. The user's own files, {@code imageconfig} included, are never written, moved or
 * deleted.
 */
public final class OutputFolder {

    public static final String CONTAINER_PATH = "/home/imagebuilder/output";
    public static final String IMAGECONFIG = "imageconfig";
    /** Between {@code <image_name>} and the UTC time in the name of an earlier run's moved-aside outputs. */
    public static final String STALE_MARK = ".stale-";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final Set<PosixFilePermission> OPEN = PosixFilePermissions.fromString("rwxrwxrwx");

    private final Path dir;

    public OutputFolder(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    public Path path() {
        return dir;
    }

    /** Where the rendered imageconfig appears in the container: over the user's own file, if there is one. */
    public Path imageConfig() {
        return dir.resolve(IMAGECONFIG);
    }

    /** True for an earlier run's moved-aside {@code <image_name>.stale-…} folder, which holds no current build. */
    public static boolean isStaleCopy(String folderName) {
        return folderName.contains(STALE_MARK);
    }

    /** Refuses a folder that cannot be used, changing nothing. */
    void checkUsable() {
        if (Files.exists(dir)) {
            if (!Files.isDirectory(dir)) {
                throw unusable("Output folder " + dir + " is not a folder", "give a folder as the output folder");
            }
            if (!Files.isReadable(dir) || !Files.isWritable(dir) || !Files.isExecutable(dir)) {
                throw unusable("Output folder " + dir + " is not readable and writable by this user",
                        "give the folder to the user that runs the build (chown), or use another output folder");
            }
        } else {
            Path parent = dir.getParent();
            Path existing = parent;
            while (existing != null && !Files.exists(existing)) {
                existing = existing.getParent();
            }
            if (existing == null || !Files.isDirectory(existing) || !Files.isWritable(existing)) {
                throw unusable("Output folder " + dir + " does not exist and cannot be created"
                        + (existing == null ? "" : ": " + existing + " is not a writable folder"),
                        "create the folder first, or give one under a folder this user may write to");
            }
        }
        Path config = imageConfig();
        if (Files.exists(config, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(config, LinkOption.NOFOLLOW_LINKS)) {
            throw unusable(config + " is not a regular file (a folder or a link); the rendered imageconfig is mounted "
                    + "there for the run", "replace it with the file itself, or move it out of the output folder");
        }
    }

    /** Refuses an earlier run's {@code <image_name>/} under {@link StalePolicy#REFUSE}, changing nothing. */
    void checkStale(String imageName, StalePolicy policy) {
        Path previous = dir.resolve(imageName);
        if (policy == StalePolicy.REFUSE && Files.exists(previous, LinkOption.NOFOLLOW_LINKS)) {
            throw unusable("Output folder " + previous + " exists from an earlier run, and the stale policy is REFUSE",
                    "move or delete it, or let the tool move it aside (stale policy MOVE_ASIDE): the builder would "
                            + "mix old and new files");
        }
    }

    /** Refuses when {@code name}, where a single file is to be mounted, is taken in the folder. */
    void checkFreeMountPoint(String name, String mountedFile) {
        Path p = dir.resolve(name);
        if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            throw unusable("The output folder already has " + p + ", but " + mountedFile + " is to be mounted there",
                    "remove one of them: iso_name must name exactly one file");
        }
    }

    void create() {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw unusable("Cannot create output folder " + dir + ": " + e.getMessage(),
                    "create the folder first, or give one under a folder this user may write to");
        }
    }

    void deleteIfEmpty() {
        try {
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // not empty: keep it
        }
    }

    Set<PosixFilePermission> mode() {
        try {
            return Files.getPosixFilePermissions(dir);
        } catch (IOException e) {
            throw unusable("Cannot read the mode of " + dir + ": " + e.getMessage(), "check the folder");
        }
    }

    /**
     * Makes the folder writable for the container's user ({@code chmod a+rwx}, as the vendor documents) unless it
     * is already. Returns the mode it had, or empty when nothing changed.
     */
    Optional<Set<PosixFilePermission>> openFor(ImageUser user) {
        Set<PosixFilePermission> before = mode();
        if (user.uid() == 0 || writableBy(user, before)) {
            return Optional.empty();
        }
        setMode(OPEN);
        return Optional.of(before);
    }

    void setMode(Set<PosixFilePermission> mode) {
        try {
            Files.setPosixFilePermissions(dir, mode);
        } catch (IOException e) {
            throw unusable("Cannot change the mode of " + dir + " to " + PosixFilePermissions.toString(mode) + ": "
                    + e.getMessage(), "run the build as the user that owns the output folder");
        }
    }

    /** Moves an earlier run's {@code <image_name>/} aside; returns where it went. */
    Optional<Path> moveStaleAside(String imageName, Clock clock) {
        Path previous = dir.resolve(imageName);
        if (!Files.exists(previous, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        String stamp = STAMP.format(clock.instant());
        Path target = dir.resolve(imageName + STALE_MARK + stamp);
        for (int i = 1; Files.exists(target, LinkOption.NOFOLLOW_LINKS); i++) {
            target = dir.resolve(imageName + STALE_MARK + stamp + "-" + i);
        }
        try {
            Files.move(previous, target);
        } catch (IOException e) {
            throw unusable("Cannot move the earlier run's " + previous + " aside to " + target + ": " + e.getMessage(),
                    "move or delete " + previous + " yourself");
        }
        return Optional.of(target);
    }

    /** The moved-aside copies of {@code <image_name>/} other than {@code keep}. */
    List<Path> olderStaleCopies(String imageName, Path keep) {
        List<Path> older = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, globQuote(imageName + STALE_MARK) + "*")) {
            for (Path p : s) {
                if (!p.equals(keep)) {
                    older.add(p);
                }
            }
        } catch (IOException e) {
            // nothing listed, nothing deleted
        }
        older.sort(null);
        return older;
    }

    /** Deletes a folder tree; false when something in it could not be deleted. */
    static boolean deleteTree(Path root) {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Removes the empty file the engine made at {@code name} as a mount point; keeps anything with content. */
    void removeMountPoint(String name) {
        Path p = dir.resolve(name);
        try {
            if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) && Files.size(p) == 0) {
                Files.delete(p);
            }
        } catch (IOException e) {
            // an empty file left behind is harmless; the ownership hand-back gives it to the tool's user
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
    void chownAll(int uid, int gid) {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.toList()) {
                Files.setAttribute(p, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
                Files.setAttribute(p, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
            }
        } catch (IOException e) {
            throw unusable("Cannot chown " + dir + " to " + uid + ":" + gid + ": " + e.getMessage(),
                    "give the files back by hand: chown -R " + uid + ":" + gid + " " + dir);
        }
    }

    /** The uid files made by this process belong to (-1 where the file system has no owners). */
    public int ownUid() {
        return HostProcess.current().uid();
    }

    /** The gid files made by this process belong to (-1 where the file system has no owners). */
    public int ownGid() {
        return HostProcess.current().gid();
    }

    static int ownerOf(Path p) {
        try {
            return (Integer) Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return -1;
        }
    }

    private boolean writableBy(ImageUser user, Set<PosixFilePermission> mode) {
        if (!user.known()) {
            return false;
        }
        Set<PosixFilePermission> owner = EnumSet.of(PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);
        Set<PosixFilePermission> group = EnumSet.of(PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE);
        Set<PosixFilePermission> others = EnumSet.of(PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);
        try {
            int uid = (Integer) Files.getAttribute(dir, "unix:uid");
            int gid = (Integer) Files.getAttribute(dir, "unix:gid");
            if (uid == user.uid()) {
                return mode.containsAll(owner);
            }
            if (gid == user.gid()) {
                return mode.containsAll(group);
            }
            return mode.containsAll(others);
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private static String globQuote(String s) {
        return s.replaceAll("([\\\\*?\\[\\]{}])", "\\\\$1");
    }

    private static ContainerRunException unusable(String reason, String hint) {
        return new ContainerRunException(Kind.OUTPUT_FOLDER_UNUSABLE, reason, hint);
    }
}
