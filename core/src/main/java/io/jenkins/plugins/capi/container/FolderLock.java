package io.jenkins.plugins.capi.container;

import io.jenkins.plugins.capi.container.ContainerRunException.Kind;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One build's exclusive hold on its output folder: a lock on the file {@value #FILE} in the folder. A second build
 * on the folder, in this JVM or any other process, is refused while the first runs. The operating system releases
 * the lock when the holding process ends, even by SIGKILL, so "the lock is free" proves that no live build owns a
 * container still labelled with the folder.
 *
 * <p>The file holds a few {@code key=value} lines naming the holder (run id, pid, host, since when) and, while the
 * folder's mode is opened for the container, the mode it had before, so a run after a SIGKILLed one can put the
 * mode back. It is deleted, still locked, when the hold ends; only a killed run leaves it behind.
 *
 * <p>These are POSIX record locks, held per process: a second channel on the file in this JVM would release the
 * lock when closed, so builds in one JVM are kept apart by a map of held folders and the file is only ever
 * opened here, once per hold.
 */
final class FolderLock implements AutoCloseable {

    static final String FILE = ".capi-image-build.lock";
    static final String MODE_BEFORE = "mode-before";

    private static final Map<Path, String> HELD_IN_THIS_JVM = new ConcurrentHashMap<>();

    private final Path key;
    private final String runId;
    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;
    private final Map<String, String> previous;
    private final Map<String, String> current = new LinkedHashMap<>();

    private FolderLock(Path key, String runId, Path file, FileChannel channel, FileLock lock,
                       Map<String, String> previous) {
        this.key = key;
        this.runId = runId;
        this.file = file;
        this.channel = channel;
        this.lock = lock;
        this.previous = previous;
    }

    /**
     * Takes the lock or refuses with {@link Kind#OUTPUT_FOLDER_IN_USE}. On a file system without locks the result
     * holds nothing ({@link #held()} is false) and the caller decides.
     */
    static FolderLock acquire(Path folder, String runId, HostProcess me) {
        Path key = realPath(folder);
        String other = HELD_IN_THIS_JVM.putIfAbsent(key, runId);
        if (other != null) {
            throw inUse(folder, "run " + other + ", in this same process");
        }
        try {
            return lock(key, folder, runId, me);
        } catch (RuntimeException | Error e) {
            HELD_IN_THIS_JVM.remove(key, runId);
            throw e;
        }
    }

    private static FolderLock lock(Path key, Path folder, String runId, HostProcess me) {
        Path file = folder.resolve(FILE);
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        } catch (AccessDeniedException e) {
            throw new ContainerRunException(Kind.OUTPUT_FOLDER_UNUSABLE, "Cannot open the lock file " + file
                    + " for writing (permission denied)", "run the build as the user that owns the output folder, "
                    + "or use another output folder");
        } catch (IOException e) {
            throw new ContainerRunException(Kind.OUTPUT_FOLDER_UNUSABLE, "Cannot open the lock file " + file + ": "
                    + e.getMessage(), "check that the output folder is on a local, writable file system");
        }
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (IOException | OverlappingFileLockException e) {
            // no locks on this file system (some network mounts): nothing can be proved about other builds
            return new FolderLock(key, runId, file, channel, null, read(channel));
        }
        Map<String, String> holder = read(channel);
        if (lock == null) {
            closeQuietly(channel);
            throw inUse(folder, describe(holder));
        }
        FolderLock held = new FolderLock(key, runId, file, channel, lock, holder);
        held.current.put("run", runId);
        held.current.put("pid", Long.toString(me.pid()));
        held.current.put("host", me.host());
        held.current.put("since", Instant.now().toString());
        held.write();
        return held;
    }

    boolean held() {
        return lock != null;
    }

    Path file() {
        return file;
    }

    /**
     * The mode the folder had before an earlier run opened it, when that run ended without putting it back (it
     * was killed). Only trusted from a lock file this process's user owns.
     */
    Optional<String> modeLeftOpenByEarlierRun(HostProcess me) {
        String mode = previous.get(MODE_BEFORE);
        if (mode == null || !mode.matches("[r-][w-][x-][r-][w-][x-][r-][w-][x-]")) {
            return Optional.empty();
        }
        try {
            int owner = (Integer) Files.getAttribute(file, "unix:uid", LinkOption.NOFOLLOW_LINKS);
            return owner == me.uid() || me.isRoot() ? Optional.of(mode) : Optional.empty();
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }

    /** Records (or, with null, clears) the mode the folder must get back. */
    void recordModeBefore(String mode) {
        if (mode == null) {
            current.remove(MODE_BEFORE);
        } else {
            current.put(MODE_BEFORE, mode);
        }
        write();
    }

    /** Deletes the lock file (while it is still held, so no other build can be holding it) and releases the lock. */
    @Override
    public void close() {
        try {
            if (lock != null) {
                Files.deleteIfExists(file);
                lock.release();
            }
        } catch (IOException e) {
            // closing the channel releases it too; a lock file left behind only names an ended run
        }
        closeQuietly(channel);
        HELD_IN_THIS_JVM.remove(key, runId);
    }

    private static ContainerRunException inUse(Path folder, String holder) {
        return new ContainerRunException(Kind.OUTPUT_FOLDER_IN_USE, "Output folder " + folder
                + " is in use by another build (" + holder + ")",
                "wait for that build to end, or give this build another output folder; the folder is free "
                        + "again as soon as that build's process ends");
    }

    private static Path realPath(Path folder) {
        try {
            return folder.toRealPath();
        } catch (IOException e) {
            return folder.toAbsolutePath().normalize();
        }
    }

    private void write() {
        if (lock == null) {
            return;
        }
        StringBuilder text = new StringBuilder("# held by a capi-image-build run while it uses this folder\n");
        current.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        try {
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(false);
        } catch (IOException e) {
            // the lock itself is what counts; the text only helps messages and the mode repair
        }
    }

    private static Map<String, String> read(FileChannel channel) {
        Map<String, String> values = new LinkedHashMap<>();
        try {
            ByteBuffer buf = ByteBuffer.allocate((int) Math.min(channel.size(), 4096));
            channel.read(buf, 0);
            for (String line : new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8).split("\n")) {
                int eq = line.indexOf('=');
                if (eq > 0 && !line.startsWith("#")) {
                    values.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
                }
            }
        } catch (IOException e) {
            // an unreadable holder is described as unknown
        }
        return values;
    }

    private static String describe(Map<String, String> holder) {
        if (holder.isEmpty()) {
            return "holder unknown";
        }
        return "run " + holder.getOrDefault("run", "?") + ", process " + holder.getOrDefault("pid", "?") + " on "
                + holder.getOrDefault("host", "?") + ", since " + holder.getOrDefault("since", "?");
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing left to release
        }
    }
}
