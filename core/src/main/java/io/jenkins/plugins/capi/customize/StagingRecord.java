package io.jenkins.plugins.capi.customize;

import io.jenkins.plugins.capi.fs.AtomicFile;
import io.jenkins.plugins.capi.iso.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The list of what a run staged into the output folder, written before the first file and deleted after the last one
 * is removed. A run that was killed leaves it behind; the next run reads it to tell its own leftovers (same path,
 * same SHA-256) from the user's files, removes the leftovers and never touches anything else.
 */
final class StagingRecord {

    static final String FILE_NAME = ".capi-image-build-staged";
    private static final String HEADER = "# files capi-image-build put here for one run; removed when the run ends";

    /** @param kind {@code file} (with its SHA-256) or {@code dir} (a folder the run created) */
    record Entry(String kind, String sha256, String relativePath) {
        boolean isFile() {
            return "file".equals(kind);
        }
    }

    private StagingRecord() {}

    static Path location(Path outputDir) {
        return outputDir.resolve(FILE_NAME);
    }

    /** The entries of a record left in {@code outputDir}; empty when there is none or it cannot be read. */
    static List<Entry> read(Path outputDir) {
        Path f = location(outputDir);
        if (!Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        List<Entry> out = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                String[] p = line.split(" ", 3);
                if (p.length == 3 && p[0].equals("file") && Sha256.isHexDigest(p[1])) {
                    out.add(new Entry("file", p[1], p[2]));
                } else if (p.length >= 2 && p[0].equals("dir")) {
                    out.add(new Entry("dir", null, line.substring(4)));
                }
            }
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
        return out;
    }

    static void write(Path outputDir, List<Entry> entries) throws IOException {
        StringBuilder b = new StringBuilder(HEADER).append('\n');
        for (Entry e : entries) {
            b.append(e.kind());
            if (e.isFile()) {
                b.append(' ').append(e.sha256());
            }
            b.append(' ').append(e.relativePath()).append('\n');
        }
        AtomicFile.write(location(outputDir), b.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The files of an earlier run's record that are still there unchanged: safe to remove as ours. */
    static List<Entry> leftovers(Path outputDir) {
        List<Entry> out = new ArrayList<>();
        for (Entry e : read(outputDir)) {
            if (!e.isFile() || escapes(e.relativePath())) {
                continue;
            }
            Path p = outputDir.resolve(e.relativePath());
            try {
                if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) && e.sha256().equals(Sha256.of(p))) {
                    out.add(e);
                }
            } catch (IOException ignored) {
                // unreadable: not provably ours, so left alone
            }
        }
        return out;
    }

    /** A recorded path that would leave the output folder cannot be ours. */
    static boolean escapes(String relativePath) {
        Path p = Path.of(relativePath);
        return p.isAbsolute() || p.normalize().startsWith("..") || relativePath.isEmpty();
    }
}
