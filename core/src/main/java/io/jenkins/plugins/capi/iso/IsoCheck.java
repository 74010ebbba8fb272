package io.jenkins.plugins.capi.iso;

import io.jenkins.plugins.capi.config.ConfigKey;
import io.jenkins.plugins.capi.config.Finding;
import io.jenkins.plugins.capi.config.ImageConfig;
import io.jenkins.plugins.capi.config.Severity;
import io.jenkins.plugins.capi.config.SourceLocation;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.LongConsumer;
import java.util.regex.Pattern;

/**
 * Checks the install ISO before a build starts, so a wrong or damaged ISO fails in seconds instead of after the
 * VM has booted: the file exists and is readable, it looks like the DVD ISO the builder needs, and its SHA-256
 * equals {@code iso_checksum}. User mistakes come back as {@link Finding}s, never as exceptions.
 *
 * <p>Where the ISO is: by default {@code <outputDir>/<iso_name>}, as the vendor documents. An external ISO (for
 * example on a shared read-only volume) may be given instead; its own file name does not matter, because the
 * container runner mounts it read-only at {@code /home/imagebuilder/output/<iso_name>}, which is where the builder
 * looks. The DVD heuristic looks at both names.
 *
 * <p>The check is skipped (no findings) when {@code vcenter_template} is set: such builds clone a VM and use no ISO.
 */
public final class IsoCheck {

    /** Below this size a RHEL or Rocky ISO cannot be the DVD (DVDs are 8 GB and more; boot ISOs about 1 GB). */
    public static final long SMALLEST_DVD_BYTES = 1_500_000_000L;

    private static final Pattern NOT_A_DVD =
            Pattern.compile("(?i)(^|[-_. ])(boot|minimal|netinst)([-_. ]|$)");
    private static final Pattern RHEL_LIKE = Pattern.compile("(?i).*\\b(rhel|rocky|red ?hat|alma).*");
    private static final String DVD_HINT = "use the x86_64-dvd.iso of the release (for example "
            + "Rocky-9.5-x86_64-dvd.iso or rhel-9.5-x86_64-dvd.iso); boot and minimal ISOs lack the packages the build installs";

    private final IsoVerificationCache cache;

    /** A check that remembers digests in {@code cache}, so an unchanged ISO is hashed only once. */
    public IsoCheck(IsoVerificationCache cache) {
        this.cache = cache;
    }

    /** A check that hashes the ISO every time. */
    public static IsoCheck withoutCache() {
        return new IsoCheck(null);
    }

    /**
     * The file the check looks at: {@code externalIso} when given, otherwise {@code <outputDir>/<iso_name>};
     * empty when {@code iso_name} is unset or not a plain file name.
     */
    public static Optional<Path> isoPath(ImageConfig config, Path outputDir, Path externalIso) {
        if (externalIso != null) {
            return Optional.of(externalIso);
        }
        String name = config.isoName();
        if (name.isEmpty() || !isPlainFileName(name)) {
            return Optional.empty();
        }
        return Optional.of(outputDir.resolve(name));
    }

    public List<Finding> check(ImageConfig config, Path outputDir, Path externalIso) throws InterruptedException {
        return check(config, outputDir, externalIso, bytes -> {});
    }

    /**
     * Checks the ISO; {@code progress} receives the bytes hashed so far while the SHA-256 is computed.
     *
     * @throws InterruptedException when the thread is interrupted while hashing
     */
    public List<Finding> check(ImageConfig config, Path outputDir, Path externalIso, LongConsumer progress)
            throws InterruptedException {
        if (!config.vcenterTemplate().isEmpty()) {
            return List.of();
        }
        List<Finding> findings = new ArrayList<>();
        SourceLocation nameAt = config.locationOf(ConfigKey.ISO_NAME);
        SourceLocation checksumAt = config.locationOf(ConfigKey.ISO_CHECKSUM);
        String isoName = config.isoName();
        String expected = config.isoChecksum();

        if (isoName.isEmpty()) {
            findings.add(Finding.error(ConfigKey.ISO_NAME, nameAt, "iso_name is not set",
                    "set iso_name to the file name of the DVD ISO in the output folder, or set vcenter_template "
                            + "to build from an existing VM"));
        } else if (!isPlainFileName(isoName)) {
            findings.add(Finding.error(ConfigKey.ISO_NAME, nameAt,
                    "iso_name '" + isoName + "' is a path, but must be a file name",
                    "put the ISO into the output folder and set iso_name to its file name only, e.g. "
                            + "iso_name=" + Path.of(isoName).getFileName()));
        }
        boolean checksumUsable = checkChecksumValue(expected, checksumAt, findings);

        Path iso = isoPath(config, outputDir, externalIso).orElse(null);
        if (iso == null) {
            return List.copyOf(findings);
        }
        SourceLocation fileAt = externalIso != null ? SourceLocation.of(externalIso.toString()) : nameAt;
        String key = externalIso != null ? null : ConfigKey.ISO_NAME.key();
        if (!Files.exists(iso)) {
            findings.add(Finding.error(key, fileAt, "ISO file not found: " + iso, missingHint(outputDir, externalIso)));
            return List.copyOf(findings);
        }
        if (!Files.isRegularFile(iso)) {
            findings.add(Finding.error(key, fileAt, "ISO path is not a regular file: " + iso,
                    "point iso_name at the .iso file itself"));
            return List.copyOf(findings);
        }
        if (!Files.isReadable(iso)) {
            findings.add(Finding.error(key, fileAt, "ISO file is not readable: " + iso,
                    "give the user running the build read permission (e.g. chmod a+r)"));
            return List.copyOf(findings);
        }
        if (externalIso == null && escapesOutputFolder(iso, outputDir)) {
            findings.add(Finding.error(key, fileAt, iso + " is a symbolic link to a file outside the output folder; "
                            + "the builder container sees only the output folder, so it cannot follow the link",
                    "copy the ISO into the output folder, or pass its path as the external ISO, which is "
                            + "mounted into the container read-only"));
            return List.copyOf(findings);
        }
        if (externalIso != null && !isoName.isEmpty() && isPlainFileName(isoName)
                && Files.exists(outputDir.resolve(isoName))) {
            findings.add(new Finding(Severity.INFO, ConfigKey.ISO_NAME.key(), nameAt,
                    "the external ISO " + externalIso + " is used; " + outputDir.resolve(isoName)
                            + " in the output folder is hidden by it", null));
        }

        long size;
        try {
            size = Files.size(iso);
        } catch (IOException e) {
            findings.add(Finding.error(key, fileAt, "cannot read ISO " + iso + ": " + e.getMessage(), null));
            return List.copyOf(findings);
        }
        checkLooksLikeDvd(config, iso, isoName, size, key, fileAt, findings);

        if (checksumUsable) {
            compareChecksum(iso, expected, checksumAt, key, fileAt, progress, findings);
        }
        return List.copyOf(findings);
    }

    private static boolean checkChecksumValue(String expected, SourceLocation at, List<Finding> findings) {
        if (expected.isEmpty()) {
            findings.add(Finding.error(ConfigKey.ISO_CHECKSUM, at, "iso_checksum is not set",
                    "run sha256sum on the ISO and put the 64-digit hex digest into iso_checksum"));
            return false;
        }
        if (expected.toLowerCase(Locale.ROOT).startsWith("sha256:")) {
            findings.add(Finding.error(ConfigKey.ISO_CHECKSUM, at,
                    "iso_checksum starts with 'sha256:', but must be the bare hex digest",
                    "remove the 'sha256:' prefix; the builder adds the checksum type itself"));
            return false;
        }
        if (!Sha256.isHexDigest(expected.strip())) {
            findings.add(Finding.error(ConfigKey.ISO_CHECKSUM, at,
                    "iso_checksum '" + expected + "' is not a SHA-256 digest (64 hex digits)",
                    "run sha256sum on the ISO and copy the first field of its output"));
            return false;
        }
        return true;
    }

    private static void checkLooksLikeDvd(ImageConfig config, Path iso, String isoName, long size, String key,
                                          SourceLocation at, List<Finding> findings) {
        List<String> names = new ArrayList<>();
        names.add(iso.getFileName().toString());
        if (!isoName.isEmpty() && !names.contains(isoName)) {
            names.add(isoName);
        }
        for (String name : names) {
            if (NOT_A_DVD.matcher(name).find()) {
                findings.add(Finding.error(key, at,
                        "'" + name + "' looks like a boot or minimal ISO; the builder needs the full DVD ISO",
                        DVD_HINT));
                return;
            }
        }
        boolean rhelLike = config.osVersion().startsWith("rhel") || config.osVersion().startsWith("rocky")
                || names.stream().anyMatch(n -> RHEL_LIKE.matcher(n).matches());
        if (rhelLike && size < SMALLEST_DVD_BYTES) {
            findings.add(Finding.warning(key, at, String.format(Locale.ROOT,
                    "%s is only %.2f GB; RHEL and Rocky DVD ISOs are larger than %.1f GB, so this may be a boot "
                            + "ISO or an incomplete download", iso.getFileName(), size / 1e9, SMALLEST_DVD_BYTES / 1e9),
                    DVD_HINT));
        }
    }

    private void compareChecksum(Path iso, String expected, SourceLocation checksumAt, String key,
                                 SourceLocation fileAt, LongConsumer progress, List<Finding> findings)
            throws InterruptedException {
        String actual;
        try {
            actual = cache != null ? cache.sha256(iso, progress) : Sha256.of(iso, progress);
        } catch (InterruptedIOException e) {
            Thread.currentThread().interrupt();
            InterruptedException ie = new InterruptedException("ISO check of " + iso + " interrupted");
            ie.initCause(e);
            throw ie;
        } catch (IOException e) {
            findings.add(Finding.error(key, fileAt, "cannot read ISO " + iso + ": " + e.getMessage(), null));
            return;
        }
        if (!actual.equals(Sha256.normalise(expected))) {
            findings.add(Finding.error(ConfigKey.ISO_CHECKSUM, checksumAt,
                    "SHA-256 of " + iso + " is " + actual + ", but iso_checksum is " + Sha256.normalise(expected),
                    "the ISO is incomplete or a different file: download it again, or, if it is the file you want, "
                            + "run 'sha256sum " + iso + "' and put that digest into iso_checksum"));
        }
    }

    private static String missingHint(Path outputDir, Path externalIso) {
        if (externalIso != null) {
            return "check the path given for the external ISO";
        }
        List<String> isos = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(outputDir, "*.{iso,ISO}")) {
            dir.forEach(p -> isos.add(p.getFileName().toString()));
        } catch (IOException e) {
            // no listing, plain hint
        }
        String hint = "copy the DVD ISO into the output folder " + outputDir + " (iso_name is its file name)";
        if (!isos.isEmpty()) {
            isos.sort(null);
            hint += "; ISO files there: " + String.join(", ", isos);
        }
        return hint;
    }

    private static boolean escapesOutputFolder(Path iso, Path outputDir) {
        if (!Files.isSymbolicLink(iso)) {
            return false;
        }
        try {
            return !iso.toRealPath().startsWith(outputDir.toRealPath());
        } catch (IOException e) {
            return false; // the existence and readability checks report what is wrong
        }
    }

    private static boolean isPlainFileName(String name) {
        return !name.contains("/") && !name.contains("\\") && !name.equals(".") && !name.equals("..");
    }
}
