package io.jenkins.plugins.capi.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.capi.iso.Sha256;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputScannerTest {

    @TempDir
    Path output;

    private Path imageDir;
    private Path ova;
    private String ovaDigest;

    @BeforeEach
    void kibFolder() throws Exception {
        imageDir = KibOutputFolder.write(output);
        ova = imageDir.resolve(KibOutputFolder.OVA);
        ovaDigest = Sha256.of(ova);
    }

    @Test
    void scansAKibFolder() throws Exception {
        BuildOutputs out = OutputScanner.withDefaults().scan(output, KibOutputFolder.IMAGE);
        assertThat(out.imageDir()).isEqualTo(imageDir);
        assertThat(out.build().packerRunUuid()).isEqualTo(KibOutputFolder.LAST_RUN);
        assertThat(out.ova().fileName()).isEqualTo(KibOutputFolder.OVA);
        assertThat(out.ova().sizeBytes()).isEqualTo(8192);
        assertThat(out.ova().sha256()).isEqualTo(ovaDigest);
        assertThat(out.ova().checksumFileVerified()).isTrue();
        assertThat(out.files()).extracting(TemplateMetadata.OutputFile::name).containsExactly(
                "packer-manifest.json", "rocky-8-disk-0.vmdk", "rocky-8.ovf", "rockylinux-8-kube-v1.30.4.mf",
                "rockylinux-8-kube-v1.30.4.ova", "rockylinux-8-kube-v1.30.4.ova.sha256",
                "rockylinux-8-kube-v1.30.4.ovf");
        for (TemplateMetadata.OutputFile f : out.files()) {
            Path p = imageDir.resolve(f.name());
            assertThat(f.sizeBytes()).as(f.name()).isEqualTo(Files.size(p));
            assertThat(f.sha256()).as(f.name()).isEqualTo(Sha256.of(p));
        }
    }

    @Test
    void filesOverTheHashLimitAreListedWithoutDigestButTheOvaIsAlwaysHashed() throws Exception {
        BuildOutputs out = OutputScanner.hashingFilesUpTo(1000).scan(output, KibOutputFolder.IMAGE);
        assertThat(out.files()).filteredOn(f -> f.name().endsWith(".vmdk")).singleElement()
                .satisfies(f -> assertThat(f.sha256()).isNull());
        assertThat(out.files()).filteredOn(f -> f.name().endsWith(".ova")).singleElement()
                .satisfies(f -> assertThat(f.sha256()).isEqualTo(ovaDigest));
        assertThat(out.files()).filteredOn(f -> f.name().endsWith(".ovf")).allSatisfy(f -> assertThat(f.sha256()).isNotNull());

        BuildOutputs none = OutputScanner.hashingFilesUpTo(0).scan(output, KibOutputFolder.IMAGE);
        assertThat(none.files()).filteredOn(f -> f.sha256() != null).extracting(TemplateMetadata.OutputFile::name)
                .containsExactly(KibOutputFolder.OVA);
    }

    @Test
    void ovaIsFoundByExtensionWhateverItIsCalled() throws Exception {
        Path renamed = imageDir.resolve("ubuntu-2004-kube-v1.23.10+vmware.1.ova");
        Files.move(ova, renamed);
        Files.move(imageDir.resolve(KibOutputFolder.OVA + ".sha256"), imageDir.resolve(renamed.getFileName() + ".sha256"));
        assertThat(OutputScanner.withDefaults().scan(output, KibOutputFolder.IMAGE).ova().fileName())
                .isEqualTo("ubuntu-2004-kube-v1.23.10+vmware.1.ova");
    }

    @Test
    void noOvaIsAnErrorListingWhatIsThere() throws Exception {
        Files.delete(ova);
        assertThatThrownBy(() -> OutputScanner.withDefaults().scan(output, KibOutputFolder.IMAGE))
                .isInstanceOf(OutputsException.class)
                .hasMessageContaining("no .ova file")
                .hasMessageContaining("rocky-8-disk-0.vmdk")
                .hasMessageContaining("image-build-ova");
    }

    @Test
    void ofTwoOvasTheLastRunsNamedByTheManifestIsTakenAndTheOtherWarnedAbout() throws Exception {
        Files.copy(ova, imageDir.resolve("rockylinux-8-kube-v1.30.3.ova"));

        BuildOutputs out = OutputScanner.withDefaults().scan(output, KibOutputFolder.IMAGE);

        // custom_data build_name + kubernetes_typed_version of the last run: rockylinux-8 + kube-v1.30.4
        assertThat(out.ova().fileName()).isEqualTo(KibOutputFolder.OVA);
        assertThat(out.ova().checksumFileVerified()).isTrue();
        assertThat(out.warnings()).singleElement().asString()
                .contains(imageDir.resolve("rockylinux-8-kube-v1.30.3.ova").toString(), "earlier build", KibOutputFolder.OVA);
    }

    @Test
    void withoutTheTypedVersionTheArtifactIdNamesTheLastRunsOva() throws Exception {
        Path manifest = imageDir.resolve(PackerManifest.FILE_NAME);
        Files.writeString(manifest, Files.readString(manifest).replace("\"kubernetes_typed_version\": \"kube-v1.30.4\",", ""));
        Files.move(ova, imageDir.resolve("rocky-8.ova"));
        Files.delete(imageDir.resolve(KibOutputFolder.OVA + ".sha256"));
        Files.write(imageDir.resolve("rocky-8-old.ova"), KibOutputFolder.bytes(100, 3));

        BuildOutputs out = OutputScanner.withDefaults().scan(output, KibOutputFolder.IMAGE);

        assertThat(out.ova().fileName()).isEqualTo("rocky-8.ova");
        assertThat(out.warnings()).singleElement().asString().contains("rocky-8-old.ova");
    }

    @Test
    void twoOvasNeitherOfWhichTheManifestNamesAreAnErrorNamingBoth() throws Exception {
        Files.move(ova, imageDir.resolve("a.ova"));
        Files.write(imageDir.resolve("b.ova"), KibOutputFolder.bytes(100, 3));
        assertThatThrownBy(() -> OutputScanner.withDefaults().scan(output, KibOutputFolder.IMAGE))
                .isInstanceOf(OutputsException.class)
                .hasMessageContaining("several .ova files [a.ova, b.ova]")
                .hasMessageContaining(KibOutputFolder.OVA)
                .hasMessageContaining("Clean the output folder");
    }

    @Test
    void anEarlierRunsMovedAsideOutputsAreNoBuild() throws Exception {
        Path stale = Files.createDirectories(output.resolve("rocky-8.stale-20260101T000000Z"));
        Files.writeString(stale.resolve(PackerManifest.FILE_NAME), KibOutputFolder.MANIFEST_TWO_RUNS);

        assertThat(OutputScanner.buildFolders(output)).containsExactly(KibOutputFolder.IMAGE);
        assertThatThrownBy(() -> OutputScanner.withDefaults().scan(output, "rhel-8"))
                .hasMessageContaining("[rocky-8]").hasMessageNotContaining("stale");
    }

    @Test
    void checksumFileMayCarryANewlineAndAFileName() throws Exception {
        Path sum = imageDir.resolve(KibOutputFolder.OVA + ".sha256");
        Files.writeString(sum, ovaDigest + "\n");
        assertThat(OutputScanner.withDefaults().scan(output, KibOutputFolder.IMAGE).ova().checksumFileVerified()).isTrue();
        Files.writeString(sum, ovaDigest.toUpperCase() + "  " + KibOutputFolder.OVA + "\n");
        assertThat(OutputScanner.withDefaults().scan(output, KibOutputFolder.IMAGE).ova().checksumFileVerified()).isTrue();
        Files.writeString(sum, ovaDigest + " *" + KibOutputFolder.OVA + "\n");
        assertThat(OutputScanner.withDefaults().scan(output, KibOutputFolder.IMAGE).ova().checksumFileVerified()).isTrue();
        Files.writeString(sum, "SHA256 (" + KibOutputFolder.OVA + ") = " + ovaDigest + "\n");
        assertThat(OutputScanner.withDefaults().scan(output, KibOutputFolder.IMAGE).ova().checksumFileVerified()).isTrue();
    }

    @Test
    void checksumMismatchIsAnErrorWithBothDigests() throws Exception {
        Path sum = imageDir.resolve(KibOutputFolder.OVA + ".sha256");
        String other = "ab".repeat(32);
        Files.writeString(sum, other);
        assertThatThrownBy(() -> OutputScanner.withDefaults().scan(output, KibOutputFolder.IMAGE))
                .isInstanceOf(OutputsException.class)
                .hasMessageContaining("checksum mismatch").hasMessageContaining(other).hasMessageContaining(ovaDigest)
                .satisfies(e -> assertThat(((OutputsException) e).file()).isEqualTo(sum));
    }

    @Test
    void damagedOvaIsCaughtByItsChecksumFile() throws Exception {
        byte[] b = Files.readAllBytes(ova);
        b[100] ^= 0x55;
        Files.write(ova, b);
        assertThatThrownBy(() -> OutputScanner.withDefaults().scan(output, KibOutputFolder.IMAGE))
                .hasMessageContaining("checksum mismatch");
    }

    @Test
    void garbageChecksumFileIsAnError() throws Exception {
        Files.writeString(imageDir.resolve(KibOutputFolder.OVA + ".sha256"), "not a digest\n");
        assertThatThrownBy(() -> OutputScanner.withDefaults().scan(output, KibOutputFolder.IMAGE))
                .isInstanceOf(OutputsException.class).hasMessageContaining("not a SHA-256 checksum file");
    }

    @Test
    void missingChecksumFileIsToleratedButRecorded() throws Exception {
        Files.delete(imageDir.resolve(KibOutputFolder.OVA + ".sha256"));
        TemplateMetadata.Ova o = OutputScanner.withDefaults().scan(output, KibOutputFolder.IMAGE).ova();
        assertThat(o.checksumFileVerified()).isFalse();
        assertThat(o.sha256()).isEqualTo(ovaDigest);
    }

    @Test
    void missingImageFolderListsTheFoldersThatExist() throws Exception {
        assertThatThrownBy(() -> OutputScanner.withDefaults().scan(output, "rhel-8"))
                .isInstanceOf(OutputsException.class)
                .hasMessageContaining("rhel-8").hasMessageContaining("[rocky-8]");
    }

    @Test
    void missingManifestIsAnError() throws Exception {
        Files.delete(imageDir.resolve(PackerManifest.FILE_NAME));
        assertThatThrownBy(() -> OutputScanner.withDefaults().scan(output, KibOutputFolder.IMAGE))
                .isInstanceOf(OutputsException.class).hasMessageContaining("no Packer manifest");
    }
}
