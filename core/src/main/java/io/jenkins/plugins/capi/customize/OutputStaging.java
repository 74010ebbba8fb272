package io.jenkins.plugins.capi.customize;

import io.jenkins.plugins.capi.iso.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

/**
 * The files of a {@link CustomizationPlan} in the output folder, for the length of one run. Created by
 * {@link CustomizationPlan#stage}; {@link #close()} removes exactly what was staged (and the folders it created,
 * when they are empty again), so the user's own files in the folder are never touched. Use it in
 * try-with-resources around the container run.
 */
public final class OutputStaging implements AutoCloseable {

    private final Path outputDir;
    private final List<Path> files;
    private final List<Path> createdDirs;
    private final Consumer<String> info;
    private boolean closed;

    private OutputStaging(Path outputDir, List<Path> files, List<Path> createdDirs, Consumer<String> info) {
        this.outputDir = outputDir;
        this.files = files;
        this.createdDirs = createdDirs;
        this.info = info;
    }

    /** Nothing staged; closing does nothing. */
    static OutputStaging empty(Path outputDir) {
        return new OutputStaging(outputDir, List.of(), List.of(), m -> { });
    }

    /**
     * Removes the recorded leftovers of a killed run, then writes the record and the files.
     *
     * @throws IOException when a target exists and is not a leftover of this tool (nothing is changed then), or a
     *         write fails (what was written is removed again)
     */
    static OutputStaging stage(Path outputDir, List<StagedFile> staged, Consumer<String> info) throws IOException {
        if (staged.isEmpty()) {
            return empty(outputDir);
        }
        Files.createDirectories(outputDir);
        removeLeftovers(outputDir, info);
        List<StagingRecord.Entry> entries = new ArrayList<>();
        List<Path> dirsToCreate = new ArrayList<>();
        for (StagedFile f : staged) {
            Path target = outputDir.resolve(f.relativePath());
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException(target + " exists and was not put there by this tool; it is left alone");
            }
            for (Path dir = target.getParent(); !dir.equals(outputDir) && !Files.exists(dir, LinkOption.NOFOLLOW_LINKS);
                 dir = dir.getParent()) {
                if (!dirsToCreate.contains(dir)) {
                    dirsToCreate.add(dir);
                }
            }
            entries.add(new StagingRecord.Entry("file", Sha256.of(f.content()), f.relativePath()));
        }
        dirsToCreate.sort(null); // parents sort before their children
        for (Path d : dirsToCreate) {
            entries.add(new StagingRecord.Entry("dir", null, outputDir.relativize(d).toString()));
        }
        StagingRecord.write(outputDir, entries);
        OutputStaging staging = new OutputStaging(outputDir, new ArrayList<>(), new ArrayList<>(), info);
        try {
            for (Path d : dirsToCreate) {
                Files.createDirectory(d, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
                staging.createdDirs.add(d);
            }
            for (StagedFile f : staged) {
                Path target = outputDir.resolve(f.relativePath());
                Files.write(target, f.content(), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                staging.files.add(target);
                // explicit, so the umask cannot take the container user's read or execute bit away
                Files.setPosixFilePermissions(target, PosixFilePermissions.fromString(f.executable() ? "rwxr-xr-x" : "rw-r--r--"));
            }
        } catch (IOException | RuntimeException e) {
            staging.close();
            throw e;
        }
        return staging;
    }

    private static void removeLeftovers(Path outputDir, Consumer<String> info) {
        List<StagingRecord.Entry> old = StagingRecord.read(outputDir);
        if (old.isEmpty() && !Files.exists(StagingRecord.location(outputDir), LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        for (StagingRecord.Entry e : StagingRecord.leftovers(outputDir)) {
            Path p = outputDir.resolve(e.relativePath());
            try {
                Files.deleteIfExists(p);
                info.accept("Removed " + p + ", left by an earlier run that did not finish");
            } catch (IOException ex) {
                info.accept("WARNING: could not remove " + p + " left by an earlier run: " + ex.getMessage());
            }
        }
        List<StagingRecord.Entry> dirs = new ArrayList<>(old.stream().filter(e -> !e.isFile()
                && !StagingRecord.escapes(e.relativePath())).toList());
        Collections.reverse(dirs);
        for (StagingRecord.Entry d : dirs) {
            deleteIfEmpty(outputDir.resolve(d.relativePath()));
        }
        try {
            Files.deleteIfExists(StagingRecord.location(outputDir));
        } catch (IOException ex) {
            info.accept("WARNING: could not remove " + StagingRecord.location(outputDir) + ": " + ex.getMessage());
        }
    }

    /** The staged files, in staging order. */
    public List<Path> files() {
        return List.copyOf(files);
    }

    /** Removes what was staged. Never throws: it runs after the build, whatever its outcome; problems are reported. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        boolean complete = true;
        for (Path f : files) {
            try {
                Files.deleteIfExists(f);
            } catch (IOException e) {
                complete = false;
                info.accept("WARNING: could not remove the staged " + f + ": " + e.getMessage() + "; delete it by hand");
            }
        }
        List<Path> dirs = new ArrayList<>(createdDirs);
        Collections.reverse(dirs);
        for (Path d : dirs) {
            deleteIfEmpty(d);
        }
        if (complete) {
            try {
                Files.deleteIfExists(StagingRecord.location(outputDir));
            } catch (IOException e) {
                info.accept("WARNING: could not remove " + StagingRecord.location(outputDir) + ": " + e.getMessage());
            }
        }
    }

    private static void deleteIfEmpty(Path dir) {
        try (var entries = Files.list(dir)) {
            if (entries.findAny().isEmpty()) {
                Files.delete(dir);
            }
        } catch (IOException e) {
            // not empty, gone, or not ours to judge: left as it is
        }
    }
}
