package io.jenkins.plugins.capi.logs;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.capi.testing.SecretScan;
import io.jenkins.plugins.capi.testing.Vcsim;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every diagnosis and phase, read from logs of real Packer runs (resources {@code real-packer/}, see its README).
 * No engine needed: these protect the classifier and the detector against the wording Packer really prints.
 */
class RealPackerOutputTest {

    static final Instant T0 = Instant.parse("2026-12-01T21:00:00Z");

    static List<String> fixture(String name) throws IOException {
        try (InputStream in = RealPackerOutputTest.class.getResourceAsStream("real-packer/" + name + ".log")) {
            assertThat(in).as("fixture %s", name).isNotNull();
            return List.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n", -1));
        }
    }

    static List<Phase> phases(List<String> lines) {
        return PhaseDetectorTest.phasesOf(lines);
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @CsvSource(delimiter = '|', value = {
        // fixture | stop | category | words the summary or hint must hold (space-separated)
        "iso-ip-timeout|NONE|ip-timeout|vcenter_network iso_name",
        "iso-ip-timeout-bundled|NONE|ip-timeout|vcenter_network iso_name",
        "clone-base-missing|NONE|vcenter-template|vcenter_template /DC0/vm/no-such-base",
        "clone-base-missing-bundled|NONE|vcenter-template|vcenter_template /DC0/vm/no-such-base",
        "wrong-datastore|NONE|vcenter-inventory|vcenter_datastore NoSuchDatastore",
        "wrong-network|NONE|vcenter-inventory|vcenter_network NoSuchNetwork",
        "iso-wrong-network|NONE|vcenter-inventory|vcenter_network NoSuchNet",
        "wrong-resource-pool|NONE|vcenter-inventory|vcenter_resource_pool DC0_C0/Resources/NoSuchPool",
        "wrong-cluster|NONE|vcenter-inventory|vcenter_cluster NoSuchCluster/Resources/",
        "wrong-datacenter|NONE|vcenter-inventory|vcenter_datacenter NoSuchDatacenter",
        "login-failure|NONE|vcenter-login|vcenter_user vcenter_password",
        "login-failure-bundled|NONE|vcenter-login|vcenter_user vcenter_password",
        "untrusted-tls|NONE|vcenter-tls|vcenter_server",
        "untrusted-tls-bundled|NONE|vcenter-tls|vcenter_server",
        "vcenter-connection-refused|NONE|vcenter-unreachable|vcenter_server 127.0.0.1:",
        "vcenter-dns-bundled|NONE|vcenter-unreachable|vcenter_server vcenter.invalid",
        "name-collision|NONE|vm-name-collision|image_name vcenter_folder",
        "manifest-unwritable|NONE|manifest-post-processor|packer-manifest.json image_name",
        "password-missing|NONE|vcenter-setting-missing|vcenter_password",
        "iso-checksum-mismatch|NONE|iso-checksum|iso_checksum",
        "export-folder-not-writable|NONE|output-not-writable|output",
        "cancel|NONE|cancelled|outside destroyed",
        "cancel-bundled|NONE|cancelled|outside destroyed",
        "cancel|TIMEOUT|cancelled|time destroyed",
        "cancel|ABORT|cancelled|aborted destroyed",
        "stop-reaches-only-make|TIMEOUT|cancelled|time image_name vcenter_folder"})
    void realOutputGetsTheRightDiagnosis(String fixture, StopCause stop, String category, String words)
            throws IOException {
        List<String> lines = fixture(fixture);

        FailureHint h = FailureClassifier.classify(lines, 2, stop).orElseThrow();

        assertThat(h.category()).as(FailureClassifier.paragraph(h)).isEqualTo(category);
        assertThat(h.summary() + " " + h.hint()).contains(Arrays.asList(words.split(" ")));
        assertThat(h.summary() + " " + h.hint()).as("a hint names keys, never a command-line option")
                .doesNotContainPattern("(^|\\s)--?[a-z]");
        assertThat(h.evidence()).isNotBlank();
        assertThat(lines.stream().anyMatch(l -> l.strip().equals(h.evidence()) || h.evidence().startsWith(l.strip())))
                .as("the evidence %s is a line of the log", h.evidence()).isTrue();
    }

    @Test
    void noFixtureHoldsAPlantedPassword() throws Exception {
        Path dir = Path.of(RealPackerOutputTest.class.getResource("real-packer").toURI());
        SecretScan.assertNoFileContains(dir, Vcsim.PASSWORD);
        // the runs made by hand used another planted password
        SecretScan.assertNoFileContains(dir, "Pl4nted");
    }

    @Test
    void aManifestFailureIsNotBlamedOnTheOvaStepEvenThoughThatFailedToo() throws IOException {
        List<String> lines = fixture("manifest-unwritable");

        FailureHint h = FailureClassifier.classify(lines, 2).orElseThrow();

        assertThat(lines).anyMatch(l -> l.contains("Post-processor failed: Script exited with non-zero exit status"));
        assertThat(h.summary()).doesNotContain("OVA");
        assertThat(h.evidence()).contains("Unable to write /home/imagebuilder/output/rocky-8-no-manifest/packer-manifest.json");
    }

    @Test
    void anErrorWrappedOverTwoLinesIsMatchedAndQuotedWhole() throws IOException {
        List<String> lines = fixture("export-folder-not-writable");
        assertThat(lines).contains("* unable to make directory for export: mkdir",
                "/home/imagebuilder/output/rocky-8-export: permission denied");

        FailureHint h = FailureClassifier.classify(lines, 1).orElseThrow();

        assertThat(h.evidence()).isEqualTo(
                "* unable to make directory for export: mkdir /home/imagebuilder/output/rocky-8-export: permission denied");
    }

    @Test
    void anUnknownPrepareErrorSaysPackerRefusedTheSettings() {
        // seen when the template used a key the bundled plugin v1.1.1 does not know
        FailureHint h = FailureClassifier.classify(List.of("Error: Failed to prepare build: \"vsphere\"", "",
                "1 error occurred:", "\t* unknown configuration key: '\"remote_cache_cleanup\"'", ""), 1).orElseThrow();
        assertThat(h.category()).isEqualTo("packer-prepare");
        assertThat(h.summary()).isEqualTo("Packer refused the build's settings: unknown configuration key: "
                + "'\"remote_cache_cleanup\"'");

        FailureHint tabless = FailureClassifier.classify(List.of("Error: Failed to prepare build: \"vsphere\"", "",
                "1 error(s) occurred:", "", "* 'iso_checksum' is required", ""), 1).orElseThrow();
        assertThat(tabless.category()).isEqualTo("packer-prepare");
        assertThat(tabless.summary()).isEqualTo("Packer refused the build's settings: 'iso_checksum' is required");
    }

    @Test
    void aCloneWalksItsPhasesInBothWordings() throws IOException {
        List<Phase> clone = List.of(Phase.DEPENDENCIES, Phase.CREATE_VM, Phase.SHUTDOWN, Phase.TEMPLATE, Phase.MANIFEST,
                Phase.OVA, Phase.FINISHED);
        assertThat(phases(fixture("clone-success"))).containsExactlyElementsOf(clone);
        assertThat(phases(fixture("clone-success-bundled"))).containsExactlyElementsOf(clone);
    }

    @Test
    void theManifestPostProcessorDoesNotStartTheOvaPhase() throws IOException {
        PhaseDetector d = new PhaseDetector(T0);
        for (String l : fixture("clone-success")) {
            d.accept(l, T0);
            if (l.equals("==> vsphere-clone: Running post-processor: packer-manifest (type manifest)")) {
                assertThat(d.phase()).isEqualTo(Phase.MANIFEST);
            }
            if (l.equals("==> vsphere-clone: Running post-processor: vsphere (type shell-local)")) {
                assertThat(d.phase()).isEqualTo(Phase.OVA);
            }
        }
        assertThat(d.phase()).isEqualTo(Phase.FINISHED);
    }

    @Test
    void anIsoBuildWalksUploadCreateBootAndWaitBeforeItFails() throws IOException {
        List<Phase> iso = List.of(Phase.DEPENDENCIES, Phase.ISO_UPLOAD, Phase.CREATE_VM, Phase.BOOT, Phase.OS_INSTALL,
                Phase.FAILED);
        assertThat(phases(fixture("iso-ip-timeout"))).containsExactlyElementsOf(iso);
        assertThat(phases(fixture("iso-ip-timeout-bundled"))).containsExactlyElementsOf(iso);
        assertThat(phases(fixture("cancel"))).containsExactlyElementsOf(iso);
    }

    @Test
    void packerRefusingItsSettingsEndsTheRunAsFailed() throws IOException {
        assertThat(phases(fixture("password-missing"))).containsExactly(Phase.FAILED);
        assertThat(phases(fixture("export-folder-not-writable"))).containsExactly(Phase.FAILED);
    }

    @Test
    void colourOffMeansNoColourBannerAndBuildNamesAreTypeDotName() throws IOException {
        for (String f : List.of("iso-ip-timeout", "clone-success", "cancel")) {
            assertThat(fixture(f)).noneMatch(l -> l.contains("output will be in this color"));
        }
        assertThat(fixture("iso-ip-timeout")).anyMatch(l -> l.startsWith("Build 'vsphere-iso.vsphere' errored after "));
        assertThat(fixture("clone-success")).anyMatch(l -> l.startsWith("Build 'vsphere-clone' finished after "));
    }
}
