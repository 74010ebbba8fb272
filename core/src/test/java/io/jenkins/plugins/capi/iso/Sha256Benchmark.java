package io.jenkins.plugins.capi.iso;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Times {@link Sha256#of(Path)} on one file, {@code runs} times in this JVM, printing one line per run:
 * {@code run <n> <seconds> s <MB/s> MB/s <digest>}. Not a test; {@code bench/hash.sh} runs it next to
 * {@code sha256sum} and {@code docs/performance.md} records the figures.
 */
public final class Sha256Benchmark {

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: Sha256Benchmark FILE [RUNS]");
            System.exit(2);
        }
        Path file = Path.of(args[0]);
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        long size = Files.size(file);
        for (int i = 1; i <= runs; i++) {
            long t0 = System.nanoTime();
            String digest = Sha256.of(file);
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "run %d %.3f s %.0f MB/s %s%n", i, seconds, size / 1e6 / seconds, digest);
        }
    }
}
