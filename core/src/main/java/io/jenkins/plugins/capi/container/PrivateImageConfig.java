package io.jenkins.plugins.capi.container;

import io.jenkins.plugins.capi.container.ContainerRunException.Kind;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The rendered imageconfig of one run, which holds the vCenter and RHEL passwords. It never goes into the output
 * folder (the workspace): it is written to a folder of its own under the host's temporary folder, created mode
 * 0700 with a random name, and reaches the container as a read-only single-file mount at
 * {@code /home/imagebuilder/output/imageconfig}, over whatever the user keeps there.
 *
 * <p>A file mounted on its own is reached in the container without passing the host folders above it, so the
 * 0700 folder keeps every other host user out while the container's user can still read it. When this tool runs as
 * root the file is given to the container's user and made 0400; otherwise it cannot change the owner and makes it
 * 0444, which only the container can use, through the mount.
 *
 * <p>{@link #close()} deletes it. A process that is killed cannot, so each run holds a lock on a file next to it
 * while it runs, and every later run deletes the folders whose lock is free.
 */
final class PrivateImageConfig implements AutoCloseable {

    static final String PREFIX = "capi-imageconfig-";
    private static final String LOCK = ".lock";
    private static final String FILE = "imageconfig";
    /** A folder without its lock file is only taken for a killed run's after this long: it may be a run starting. */
    private static final long UNLOCKED_GRACE_MILLIS = 60_000;
    /** Opening another channel on a lock this JVM holds would release it (POSIX locks are per process). */
    private static final Set<Path> HELD_IN_THIS_JVM = ConcurrentHashMap.newKeySet();

    private final Path dir;
    private final FileChannel lockChannel;

    private PrivateImageConfig(Path dir, FileChannel lockChannel) {
        this.dir = dir;
        this.lockChannel = lockChannel;
    }

    /** The file to mount. */
    Path file() {
        return dir.resolve(FILE);
    }

    Path folder() {
        return dir;
    }

    static PrivateImageConfig write(Path root, String text, ImageUser reader, HostProcess me) {
        Path dir;
        try {
            Files.createDirectories(root);
            dir = Files.createTempDirectory(root, PREFIX,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (IOException | UnsupportedOperationException e) {
            throw new ContainerRunException(Kind.OUTPUT_FOLDER_UNUSABLE, "Cannot create a private folder for the "
                    + "rendered imageconfig under " + root + ": " + e.getMessage(),
                    "make the temporary folder (java.io.tmpdir, " + root + ") writable for this user");
        }
        FileChannel lock = null;
        try {
            HELD_IN_THIS_JVM.add(dir);
            lock = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            lock.lock();
            Path f = dir.resolve(FILE);
            Files.createFile(f, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(f, text.endsWith("\n") ? text : text + "\n", StandardCharsets.UTF_8);
            if (me.isRoot() && reader.known()) {
                Files.setAttribute(f, "unix:uid", reader.uid());
                Files.setAttribute(f, "unix:gid", Math.max(reader.gid(), 0));
                Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("r--------"));
            } else if (reader.uid() == me.uid()) {
                Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("r--------"));
            } else {
                Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("r--r--r--"));
            }
            return new PrivateImageConfig(dir, lock);
        } catch (IOException | RuntimeException e) {
            new PrivateImageConfig(dir, lock).close();
            throw new ContainerRunException(Kind.OUTPUT_FOLDER_UNUSABLE, "Cannot write the rendered imageconfig to "
                    + dir + ": " + e.getMessage(), "check the space and permissions of " + root);
        }
    }

    /**
     * Deletes what runs that ended without {@link #close()} (killed) left under {@code root}: folders of ours
     * whose lock is free. Returns how many.
     */
    static int deleteAbandoned(Path root, HostProcess me) {
        int deleted = 0;
        if (!Files.isDirectory(root)) {
            return 0;
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root, PREFIX + "*")) {
            for (Path d : dirs) {
                if (!HELD_IN_THIS_JVM.contains(d) && Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS) && ownedBy(d, me)
                        && lockIsFree(d)) {
                    deleteTree(d);
                    deleted++;
                }
            }
        } catch (IOException e) {
            // another run's sweep, or an unreadable temp folder: the next run tries again
        }
        return deleted;
    }

    /** Deletes the file and its folder; never throws (it runs when a run ends, however it ends). */
    @Override
    public void close() {
        if (lockChannel != null) {
            try {
                lockChannel.close();
            } catch (IOException e) {
                // the lock goes with the process anyway
            }
        }
        deleteTree(dir);
        HELD_IN_THIS_JVM.remove(dir);
    }

    private static boolean ownedBy(Path d, HostProcess me) {
        try {
            return (Integer) Files.getAttribute(d, "unix:uid", LinkOption.NOFOLLOW_LINKS) == me.uid();
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private static boolean lockIsFree(Path d) {
        Path lock = d.resolve(LOCK);
        if (!Files.exists(lock, LinkOption.NOFOLLOW_LINKS)) {
            // a run killed between creating its folder and its lock, or one doing that right now
            try {
                return System.currentTimeMillis() - Files.getLastModifiedTime(d).toMillis() > UNLOCKED_GRACE_MILLIS;
            } catch (IOException e) {
                return false;
            }
        }
        try (FileChannel c = FileChannel.open(lock, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
            FileLock l = c.tryLock();
            return l != null;
        } catch (IOException | OverlappingFileLockException e) {
            return false;
        }
    }

    private static void deleteTree(Path d) {
        try (Stream<Path> all = Files.walk(d)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | RuntimeException e) {
            // best effort; the next run's sweep retries
        }
    }
}
