package io.jenkins.plugins.capi.metadata;

import io.jenkins.plugins.capi.container.OutputFolder;
import io.jenkins.plugins.capi.iso.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads what a build left in {@code <output>/<image_name>/}: the Packer manifest (last run), the OVA, the OVA's
 * checksum file, and a listing of every file.
 *
 * <p>The OVA is found by its {@code .ova} extension, never by a computed name alone, because KIB's OVA name can
 * differ from the folder name. When the folder holds several (an earlier build's left in place), the last run's is
 * the one the manifest names: {@code <build_name>-<kubernetes_typed_version>.ova} from its {@code custom_data}, as
 * KIB's OVA script names it, else {@code <artifact_id>.ova}; the others are reported as warnings.
 *
 * <p>Earlier runs' outputs moved aside to {@code <image_name>.stale-<time>/} are never taken for a build.
 *
 * <p>The OVA is always hashed, to verify its {@code .ova.sha256}. Other files are hashed only up to a size limit
 * (by default {@value #DEFAULT_HASH_LIMIT_BYTES} bytes): that covers the OVF, the manifest and the {@code .mf}, but
 * not the multi-GB VMDK, which is inside the OVA anyway and would double the time spent hashing. Files over the limit
 * are listed with a {@code null} SHA-256.
 */
public final class OutputScanner {

    /** 64 MiB: every text file a build writes, never a disk image. */
    public static final long DEFAULT_HASH_LIMIT_BYTES = 64L << 20;

    private static final Pattern GNU_LINE = Pattern.compile("(?s)^([0-9a-fA-F]{64})(?:\\s+\\*?(.*))?$");
    private static final Pattern BSD_LINE = Pattern.compile("(?s)^SHA256 ?\\((.*)\\) ?= ?([0-9a-fA-F]{64})$");

    private final long hashLimitBytes;

    private OutputScanner(long hashLimitBytes) {
        this.hashLimitBytes = hashLimitBytes;
    }

    /** Hashes non-OVA files up to {@link #DEFAULT_HASH_LIMIT_BYTES}. */
    public static OutputScanner withDefaults() {
        return new OutputScanner(DEFAULT_HASH_LIMIT_BYTES);
    }

    /** Hashes non-OVA files of at most {@code bytes} bytes; 0 hashes none but the OVA, {@code Long.MAX_VALUE} all. */
    public static OutputScanner hashingFilesUpTo(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("hash limit must not be negative: " + bytes);
        }
        return new OutputScanner(bytes);
    }

    /** Scans {@code <outputDir>/<imageName>/}. */
    public BuildOutputs scan(Path outputDir, String imageName) throws OutputsException {
        if (imageName == null || imageName.isBlank() || imageName.contains("/")) {
            throw new OutputsException(outputDir, "image_name '" + imageName + "' cannot name an output sub-folder");
        }
        Path imageDir = outputDir.resolve(imageName);
        if (!Files.isDirectory(imageDir)) {
            throw new OutputsException(imageDir, "no output folder for image '" + imageName + "'; sub-folders of "
                    + outputDir + ": " + subFolders(outputDir));
        }
        Path manifestFile = imageDir.resolve(PackerManifest.FILE_NAME);
        PackerManifest.Build build = PackerManifest.read(manifestFile).lastRunBuild(manifestFile);
        List<String> warnings = new ArrayList<>();
        Path ovaFile = findOva(imageDir, build, warnings);
        TemplateMetadata.Ova ova = verifyOva(ovaFile);
        return new BuildOutputs(imageDir, manifestFile, build, ova, listFiles(imageDir, ova), warnings);
    }

    /**
     * The {@code image_name} sub-folders of {@code outputDir} that hold a build (a {@code packer-manifest.json}),
     * sorted; moved-aside copies of earlier runs are not among them.
     */
    public static List<String> buildFolders(Path outputDir) {
        try (Stream<Path> s = Files.list(outputDir)) {
            return s.filter(p -> Files.isRegularFile(p.resolve(PackerManifest.FILE_NAME)))
                    .map(p -> p.getFileName().toString())
                    .filter(n -> !OutputFolder.isStaleCopy(n))
                    .sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static Path findOva(Path imageDir, PackerManifest.Build build, List<String> warnings)
            throws OutputsException {
        List<Path> ovas = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(imageDir, "*.ova")) {
            for (Path p : dir) {
                if (Files.isRegularFile(p)) {
                    ovas.add(p);
                }
            }
        } catch (IOException e) {
            throw new OutputsException(imageDir, "cannot list the output folder: " + e.getMessage(), e);
        }
        if (ovas.size() == 1) {
            return ovas.get(0);
        }
        if (ovas.isEmpty()) {
            throw new OutputsException(imageDir, "no .ova file; the folder holds " + fileNames(imageDir)
                    + ". The OVA is made last (image-build-ova.py); look for 'image-build-ova' and "
                    + "'Post-processor failed' in the build log");
        }
        ovas.sort(null);
        List<String> names = ovas.stream().map(p -> p.getFileName().toString()).toList();
        List<String> expected = lastRunOvaNames(build);
        for (String candidate : expected) {
            if (names.contains(candidate)) {
                for (String other : names) {
                    if (!other.equals(candidate)) {
                        warnings.add(imageDir.resolve(other) + " is not the last run's OVA (packer-manifest.json names "
                                + candidate + "); it is left from an earlier build: delete it");
                    }
                }
                return imageDir.resolve(candidate);
            }
        }
        throw new OutputsException(imageDir, "several .ova files " + names + ", and none is the one the last run "
                + "made according to packer-manifest.json" + (expected.isEmpty() ? "" : " " + expected)
                + ". Clean the output folder before each build so results of earlier builds are not mixed in");
    }

    /** The OVA names the last run's manifest entry stands for, most specific first. */
    private static List<String> lastRunOvaNames(PackerManifest.Build build) {
        List<String> names = new ArrayList<>();
        String buildName = build.custom("build_name");
        String typedVersion = build.custom("kubernetes_typed_version");
        if (buildName != null && typedVersion != null) {
            names.add(buildName + "-" + typedVersion + ".ova");
        }
        if (build.artifactId() != null && !build.artifactId().isBlank()) {
            names.add(build.artifactId() + ".ova");
        }
        return names;
    }

    private static TemplateMetadata.Ova verifyOva(Path ova) throws OutputsException {
        String actual;
        long size;
        try {
            size = Files.size(ova);
            actual = Sha256.of(ova);
        } catch (IOException e) {
            throw new OutputsException(ova, "cannot read the OVA: " + e.getMessage(), e);
        }
        Path sumFile = ova.resolveSibling(ova.getFileName() + ".sha256");
        Optional<String> recorded = readChecksumFile(sumFile);
        if (recorded.isPresent() && !recorded.get().equals(actual)) {
            throw new OutputsException(sumFile, "checksum mismatch: the file says " + recorded.get()
                    + " but the SHA-256 of " + ova.getFileName() + " is " + actual
                    + ". The OVA was changed or only partly written; build it again");
        }
        return new TemplateMetadata.Ova(ova.getFileName().toString(), size, actual, recorded.isPresent());
    }

    /**
     * The digest in a {@code .sha256} file: a bare digest (KIB writes no newline), {@code sha256sum} output
     * ({@code <digest>  <name>}) or BSD style ({@code SHA256 (<name>) = <digest>}). Empty when there is no file.
     */
    static Optional<String> readChecksumFile(Path sumFile) throws OutputsException {
        String text;
        try {
            if (!Files.exists(sumFile)) {
                return Optional.empty();
            }
            text = Files.readString(sumFile, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new OutputsException(sumFile, "cannot read the checksum file: " + e.getMessage(), e);
        }
        String firstLine = text.lines().findFirst().orElse("").strip();
        Matcher gnu = GNU_LINE.matcher(firstLine);
        if (gnu.matches()) {
            return Optional.of(Sha256.normalise(gnu.group(1)));
        }
        Matcher bsd = BSD_LINE.matcher(firstLine);
        if (bsd.matches()) {
            return Optional.of(Sha256.normalise(bsd.group(2)));
        }
        throw new OutputsException(sumFile, "not a SHA-256 checksum file: expected 64 hex digits, found '"
                + abbreviate(firstLine) + "'");
    }

    private List<TemplateMetadata.OutputFile> listFiles(Path imageDir, TemplateMetadata.Ova ova)
            throws OutputsException {
        List<TemplateMetadata.OutputFile> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(imageDir)) {
            for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                String name = imageDir.relativize(p).toString().replace('\\', '/');
                long size = Files.size(p);
                String sha;
                if (name.equals(ova.fileName())) {
                    sha = ova.sha256();
                } else if (size <= hashLimitBytes) {
                    sha = Sha256.of(p);
                } else {
                    sha = null;
                }
                files.add(new TemplateMetadata.OutputFile(name, size, sha));
            }
        } catch (IOException e) {
            throw new OutputsException(imageDir, "cannot list the output folder: " + e.getMessage(), e);
        }
        return files;
    }

    private static List<String> subFolders(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .filter(n -> !OutputFolder.isStaleCopy(n)).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static List<String> fileNames(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
