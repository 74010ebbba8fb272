package io.jenkins.plugins.capi.iso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Sha256Test {

    @TempDir
    Path dir;

    @Test
    void digestOfAKnownStringIsTheStandardOne() {
        // FIPS 180-2 test vector
        assertThat(Sha256.of("abc".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void fileDigestEqualsWhatSha256sumPrints() throws Exception {
        // sizes around the chunk boundary, plus one spanning many chunks with a ragged tail
        for (long size : new long[] {0, 1, Sha256.CHUNK_BYTES - 1, Sha256.CHUNK_BYTES, Sha256.CHUNK_BYTES + 1,
                Sha256.CHUNK_BYTES * 9L + 12_345}) {
            Path file = randomFile("f" + size + ".bin", size);
            assertThat(Sha256.of(file)).as("size %d", size).isEqualTo(sha256sum(file));
        }
    }

    @Test
    void progressIsReportedAndEndsWithTheFileSize() throws Exception {
        long size = Sha256.PROGRESS_STEP_BYTES * 2 + 7;
        Path file = randomFile("big.bin", size);
        List<Long> reported = new ArrayList<>();
        String digest = Sha256.of(file, reported::add);
        assertThat(digest).isEqualTo(sha256sum(file));
        assertThat(reported).hasSizeGreaterThanOrEqualTo(3).isSorted();
        assertThat(reported.get(reported.size() - 1)).isEqualTo(size);
    }

    @Test
    void missingFileIsAnIoException() {
        assertThatThrownBy(() -> Sha256.of(dir.resolve("nope.iso"))).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void interruptStopsHashingAndKeepsTheFlag() throws Exception {
        Path file = randomFile("i.bin", Sha256.PROGRESS_STEP_BYTES * 3);
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> Sha256.of(file)).isInstanceOf(InterruptedIOException.class);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void hexDigestRecognition() {
        assertThat(Sha256.isHexDigest("A".repeat(64))).isTrue();
        assertThat(Sha256.isHexDigest("a".repeat(63))).isFalse();
        assertThat(Sha256.isHexDigest("g".repeat(64))).isFalse();
        assertThat(Sha256.isHexDigest(null)).isFalse();
    }

    private Path randomFile(String name, long size) throws IOException {
        Path file = dir.resolve(name);
        Random random = new Random(size);
        byte[] block = new byte[1 << 16];
        try (var out = Files.newOutputStream(file)) {
            for (long left = size; left > 0; left -= block.length) {
                random.nextBytes(block);
                out.write(block, 0, (int) Math.min(left, block.length));
            }
        }
        return file;
    }

    /** Runs the real coreutils binary. */
    static String sha256sum(Path file) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("sha256sum", file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out.substring(0, 64);
    }
}
