package io.jenkins.plugins.capi.iso;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.capi.config.Finding;
import io.jenkins.plugins.capi.config.ImageConfig;
import io.jenkins.plugins.capi.config.Severity;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IsoCheckTest {

    private static final String ISO = "Rocky-9.5-x86_64-dvd.iso";

    @TempDir
    Path output;

    @TempDir
    Path cacheDir;

    private Path iso;
    private String digest;

    @BeforeEach
    void isoInOutputFolder() throws IOException {
        iso = output.resolve(ISO);
        Files.write(iso, "pretend this is a DVD".repeat(1000).getBytes(StandardCharsets.UTF_8));
        digest = Sha256.of(iso);
    }

    private static ImageConfig config(String... kv) {
        Map<String, String> m = new HashMap<>();
        m.put("os_version", "rockylinux-9");
        m.put("image_name", "rocky-9");
        m.put("iso_name", ISO);
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return ImageConfig.of("imageconfig", m);
    }

    private static List<Finding> errors(List<Finding> findings) {
        return findings.stream().filter(Finding::isError).toList();
    }

    @Test
    void matchingChecksumPassesWithOnlyTheSmallSizeWarning() throws Exception {
        List<Finding> findings = IsoCheck.withoutCache().check(config("iso_checksum", digest), output, null);
        assertThat(errors(findings)).isEmpty();
        // our test ISO is tiny, so the DVD size heuristic warns, and says what to use
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.hint()).contains("x86_64-dvd.iso");
        });
    }

    @Test
    void checksumIsComparedCaseInsensitively() throws Exception {
        List<Finding> findings = IsoCheck.withoutCache()
                .check(config("iso_checksum", digest.toUpperCase()), output, null);
        assertThat(errors(findings)).isEmpty();
    }

    @Test
    void wrongChecksumIsAnErrorWithBothDigestsAndTheFix() throws Exception {
        String wrong = "0".repeat(64);
        List<Finding> findings = IsoCheck.withoutCache().check(config("iso_checksum", wrong), output, null);
        assertThat(errors(findings)).singleElement().satisfies(f -> {
            assertThat(f.key()).isEqualTo("iso_checksum");
            assertThat(f.message()).contains(digest).contains(wrong);
            assertThat(f.hint()).contains("sha256sum");
        });
    }

    @Test
    void malformedChecksumsAreReportedWithoutHashing() throws Exception {
        for (String bad : new String[] {"<iso-checksum>", "sha256:" + digest, "abc", ""}) {
            List<Finding> findings = IsoCheck.withoutCache().check(config("iso_checksum", bad), output, null);
            assertThat(errors(findings)).as(bad).singleElement()
                    .satisfies(f -> assertThat(f.key()).isEqualTo("iso_checksum"));
        }
    }

    @Test
    void missingIsoNamesTheFolderAndListsTheIsosThatAreThere() throws Exception {
        List<Finding> findings = IsoCheck.withoutCache()
                .check(config("iso_name", "Rocky-9.4-x86_64-dvd.iso", "iso_checksum", digest), output, null);
        assertThat(errors(findings)).singleElement().satisfies(f -> {
            assertThat(f.key()).isEqualTo("iso_name");
            assertThat(f.message()).contains("not found").contains("Rocky-9.4-x86_64-dvd.iso");
            assertThat(f.hint()).contains(output.toString()).contains(ISO);
        });
    }

    @Test
    void isoNameMustBeAFileNameNotAPath() throws Exception {
        List<Finding> findings = IsoCheck.withoutCache()
                .check(config("iso_name", "/isos/" + ISO, "iso_checksum", digest), output, null);
        assertThat(errors(findings)).singleElement().satisfies(f -> assertThat(f.hint()).contains("iso_name=" + ISO));
    }

    @Test
    void directoryInsteadOfFileIsAnError() throws Exception {
        Files.createDirectory(output.resolve("dir.iso"));
        List<Finding> findings = IsoCheck.withoutCache()
                .check(config("iso_name", "dir.iso", "iso_checksum", digest), output, null);
        assertThat(errors(findings)).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("not a regular file"));
    }

    @Test
    void bootIsoIsAnErrorPointingAtTheDvd() throws Exception {
        Path boot = output.resolve("Rocky-9.5-x86_64-boot.iso");
        Files.copy(iso, boot);
        List<Finding> findings = IsoCheck.withoutCache()
                .check(config("iso_name", boot.getFileName().toString(), "iso_checksum", digest), output, null);
        assertThat(errors(findings)).singleElement().satisfies(f -> {
            assertThat(f.message()).contains("boot or minimal");
            assertThat(f.hint()).contains("x86_64-dvd.iso");
        });
    }

    @Test
    void minimalAndNetinstNamesAreFlaggedToo() throws Exception {
        for (String name : new String[] {"Rocky-9.5-x86_64-minimal.iso", "debian-12-amd64-netinst.iso"}) {
            Files.copy(iso, output.resolve(name));
            List<Finding> findings = IsoCheck.withoutCache()
                    .check(config("iso_name", name, "iso_checksum", digest), output, null);
            assertThat(errors(findings)).as(name).hasSize(1);
        }
    }

    @Test
    void largeDvdIsoHasNoSizeWarning() throws Exception {
        Path big = output.resolve("rhel-9.5-x86_64-dvd.iso");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(IsoCheck.SMALLEST_DVD_BYTES + 1); // sparse: no disk used, hashes as zeros
        }
        IsoVerificationCache cache = IsoVerificationCache.at(cacheDir.resolve("c.json"));
        String bigDigest = cache.sha256(big, b -> {});
        List<Finding> findings = new IsoCheck(cache)
                .check(config("os_version", "rhel-9", "iso_name", big.getFileName().toString(), "iso_checksum", bigDigest),
                        output, null);
        assertThat(findings).isEmpty();
    }

    @Test
    void externalIsoIsCheckedUnderItsOwnPathWhateverItsName() throws Exception {
        Path elsewhere = Files.createTempDirectory(cacheDir, "isos").resolve("downloaded.iso");
        Files.copy(iso, elsewhere);
        Files.delete(iso);
        List<Finding> ok = IsoCheck.withoutCache().check(config("iso_checksum", digest), output, elsewhere);
        assertThat(errors(ok)).isEmpty();

        List<Finding> missing = IsoCheck.withoutCache()
                .check(config("iso_checksum", digest), output, elsewhere.resolveSibling("gone.iso"));
        assertThat(errors(missing)).singleElement().satisfies(f -> {
            assertThat(f.location().source()).endsWith("gone.iso");
            assertThat(f.message()).contains("not found");
        });
    }

    @Test
    void externalIsoNamedLikeABootIsoIsFlagged() throws Exception {
        Path elsewhere = Files.createTempDirectory(cacheDir, "isos").resolve("Rocky-9.5-x86_64-boot.iso");
        Files.copy(iso, elsewhere);
        List<Finding> findings = IsoCheck.withoutCache().check(config("iso_checksum", digest), output, elsewhere);
        assertThat(errors(findings)).singleElement().satisfies(f -> assertThat(f.message()).contains("boot"));
    }

    @Test
    void vcenterTemplateBuildsHaveNoIsoToCheck() throws Exception {
        List<Finding> findings = IsoCheck.withoutCache()
                .check(ImageConfig.of("imageconfig", Map.of("vcenter_template", "/dc/vm/base/rocky")), output, null);
        assertThat(findings).isEmpty();
    }

    @Test
    void unsetIsoKeysAreErrorsNamingTheKeys() throws Exception {
        List<Finding> findings = IsoCheck.withoutCache()
                .check(ImageConfig.of("imageconfig", Map.of("os_version", "rockylinux-9")), output, null);
        assertThat(errors(findings)).extracting(Finding::key).containsExactly("iso_name", "iso_checksum");
    }

    @Test
    void unchangedIsoIsHashedOnceAndTouchingItRehashes() throws Exception {
        IsoVerificationCache cache = IsoVerificationCache.at(cacheDir.resolve("iso-sha256.json"));
        IsoCheck check = new IsoCheck(cache);
        AtomicLong hashed = new AtomicLong();
        assertThat(errors(check.check(config("iso_checksum", digest), output, null, hashed::addAndGet))).isEmpty();
        assertThat(hashed.get()).isPositive();

        // Same size, same mtime, different bytes: the cache answers, so the damage goes unnoticed by design.
        FileTime mtime = Files.getLastModifiedTime(iso);
        byte[] content = Files.readAllBytes(iso);
        content[0] ^= 1;
        Files.write(iso, content);
        Files.setLastModifiedTime(iso, mtime);
        hashed.set(0);
        assertThat(errors(check.check(config("iso_checksum", digest), output, null, hashed::addAndGet))).isEmpty();
        assertThat(hashed.get()).isZero();

        // A new mtime invalidates the entry: the file is hashed again and the damage is found.
        Files.setLastModifiedTime(iso, FileTime.fromMillis(mtime.toMillis() + 2000));
        List<Finding> findings = check.check(config("iso_checksum", digest), output, null, hashed::addAndGet);
        assertThat(hashed.get()).isEqualTo(content.length);
        assertThat(errors(findings)).singleElement()
                .satisfies(f -> assertThat(f.message()).contains(Sha256.of(content)));
    }

    @Test
    void symlinkLeavingTheOutputFolderIsAnErrorTheContainerWouldHit() throws Exception {
        Path elsewhere = Files.createTempDirectory(cacheDir, "isos").resolve(ISO);
        Files.move(iso, elsewhere);
        Files.createSymbolicLink(iso, elsewhere);
        List<Finding> findings = IsoCheck.withoutCache().check(config("iso_checksum", digest), output, null);
        assertThat(errors(findings)).singleElement().satisfies(f -> {
            assertThat(f.message()).contains("symbolic link");
            assertThat(f.hint()).contains("external ISO");
        });
        // the same file given as the external ISO is fine
        assertThat(errors(IsoCheck.withoutCache().check(config("iso_checksum", digest), output, elsewhere))).isEmpty();
    }

    @Test
    void symlinkWithinTheOutputFolderIsFine() throws Exception {
        Path real = Files.createDirectories(output.resolve("isos")).resolve("real.iso");
        Files.move(iso, real);
        Files.createSymbolicLink(iso, Path.of("isos", "real.iso"));
        assertThat(errors(IsoCheck.withoutCache().check(config("iso_checksum", digest), output, null))).isEmpty();
    }

    @Test
    void findingsNeverCarryASecretOfTheConfig() throws Exception {
        String planted = "Pl4nted-vCenter-S3cret";
        for (String checksum : new String[] {"0".repeat(64), "bad", ""}) {
            for (String name : new String[] {ISO, "missing.iso", "Rocky-boot.iso"}) {
                List<Finding> findings = IsoCheck.withoutCache().check(config("iso_checksum", checksum,
                        "iso_name", name, "vcenter_password", planted, "rhel_subscription_pass", planted), output, null);
                assertThat(findings).isNotEmpty();
                assertThat(findings).allSatisfy(f -> assertThat(f.format()).doesNotContain(planted));
            }
        }
    }
}
