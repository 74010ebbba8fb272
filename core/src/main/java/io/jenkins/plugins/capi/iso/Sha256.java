package io.jenkins.plugins.capi.iso;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.LongConsumer;
import java.util.regex.Pattern;

/**
 * SHA-256 of files. A reader thread fills heap buffers from a {@link FileChannel} while the calling thread
 * hashes the previous buffer, so the copy out of the page cache (or the disk wait) overlaps the hashing, which
 * the JDK runs as an intrinsic (SHA-NI where the CPU has it). Digests are lower-case hex, as {@code sha256sum}
 * prints them. {@code docs/performance.md} compares it with {@code sha256sum}.
 */
public final class Sha256 {

    /** Bytes per buffer: large enough that system calls and hand-overs cost nothing, small enough for L2. */
    static final int CHUNK_BYTES = 256 << 10;

    /** Buffers in flight between the reader and the hasher. */
    static final int BUFFERS = 4;

    /** How often the progress callback is called at most (in bytes hashed). */
    public static final long PROGRESS_STEP_BYTES = 64L << 20;

    private static final Pattern HEX_DIGEST = Pattern.compile("[0-9a-fA-F]{64}");
    private static final LongConsumer NO_PROGRESS = bytes -> {};

    private Sha256() {}

    /** The lower-case hex SHA-256 of {@code file}. */
    public static String of(Path file) throws IOException {
        return of(file, NO_PROGRESS);
    }

    /**
     * The lower-case hex SHA-256 of {@code file}; {@code progress} receives the number of bytes hashed so far,
     * about every {@value #PROGRESS_STEP_BYTES} bytes and once at the end. Interrupting the calling thread
     * stops the hashing with an {@link InterruptedIOException} and keeps the thread's interrupt flag set.
     */
    public static String of(Path file, LongConsumer progress) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        BlockingQueue<byte[]> empty = new ArrayBlockingQueue<>(BUFFERS);
        for (int i = 0; i < BUFFERS; i++) {
            empty.add(new byte[CHUNK_BYTES]);
        }
        // One slot more than there are buffers, so the reader's final END or failure never blocks.
        BlockingQueue<Chunk> filled = new ArrayBlockingQueue<>(BUFFERS + 1);
        Thread reader = new Thread(() -> readInto(channel, empty, filled), "sha256-reader");
        reader.setDaemon(true);
        reader.start();

        MessageDigest digest = newDigest();
        long done = 0;
        long nextReport = PROGRESS_STEP_BYTES;
        try {
            while (true) {
                Chunk chunk = filled.take();
                if (chunk.failure() != null) {
                    throw new IOException("cannot read " + file + ": " + chunk.failure().getMessage(),
                            chunk.failure());
                }
                if (chunk.isEnd()) {
                    break;
                }
                digest.update(chunk.data(), 0, chunk.length());
                done += chunk.length();
                empty.add(chunk.data());
                if (done >= nextReport) {
                    progress.accept(done);
                    nextReport = done + PROGRESS_STEP_BYTES;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("hashing " + file + " was interrupted");
        } finally {
            reader.interrupt(); // a no-op when it has finished; otherwise it closes the channel and ends
        }
        progress.accept(done);
        return hex(digest.digest());
    }

    /** The lower-case hex SHA-256 of {@code bytes}. */
    public static String of(byte[] bytes) {
        return hex(newDigest().digest(bytes));
    }

    /** Whether {@code s} is a SHA-256 digest written as 64 hex digits (either case). */
    public static boolean isHexDigest(String s) {
        return s != null && HEX_DIGEST.matcher(s).matches();
    }

    /** {@code s} trimmed and in lower case, the form digests are compared in. */
    public static String normalise(String s) {
        return s.strip().toLowerCase(Locale.ROOT);
    }

    private static void readInto(FileChannel channel, BlockingQueue<byte[]> empty, BlockingQueue<Chunk> filled) {
        try (channel) {
            while (true) {
                byte[] data = empty.take();
                ByteBuffer buffer = ByteBuffer.wrap(data);
                while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
                    // fill the whole buffer: short reads are legal, and fewer, fuller chunks hash faster
                }
                if (buffer.position() > 0) {
                    filled.add(new Chunk(data, buffer.position(), null));
                }
                if (buffer.hasRemaining()) {
                    filled.add(Chunk.END);
                    return;
                }
            }
        } catch (IOException e) {
            filled.add(new Chunk(null, 0, e));
        } catch (InterruptedException e) {
            // the hasher gave up (interrupted or failed); nobody waits for more chunks
        } catch (RuntimeException e) {
            filled.add(new Chunk(null, 0, new IOException(e.toString(), e)));
        }
    }

    private record Chunk(byte[] data, int length, IOException failure) {
        static final Chunk END = new Chunk(null, -1, null);

        boolean isEnd() {
            return length < 0;
        }
    }

    private static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime must provide SHA-256", e);
        }
    }
}
