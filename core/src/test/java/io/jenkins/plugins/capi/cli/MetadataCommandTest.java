package io.jenkins.plugins.capi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.capi.iso.Sha256;
import io.jenkins.plugins.capi.metadata.MetadataJson;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class MetadataCommandTest {

    private static final String OVA = "rhel-8-kube-v1.30.4.ova";

    @TempDir
    Path output;

    private Path imageDir;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void rhelBuildOutputs() throws Exception {
        imageDir = Files.createDirectories(output.resolve("rhel-8"));
        Files.writeString(imageDir.resolve("packer-manifest.json"), """
                {"builds": [{"name": "vsphere", "builder_type": "vsphere-iso", "build_time": 1784718000,
                  "files": [{"name": "rhel-8-disk-0.vmdk", "size": 512}], "artifact_id": "rhel-8",
                  "packer_run_uuid": "r2",
                  "custom_data": {"build_name": "rhel-8", "kubernetes_semver": "v1.30.4",
                    "containerd_version": "1.7.13", "build_timestamp": "1784715000", "os_name": "RHEL 8"}}],
                 "last_run_uuid": "r2"}""");
        Files.write(imageDir.resolve("rhel-8-disk-0.vmdk"), new byte[512]);
        Files.writeString(imageDir.resolve(OVA), "ova bytes");
        Files.writeString(imageDir.resolve(OVA + ".sha256"), Sha256.of(imageDir.resolve(OVA)));
        Files.writeString(output.resolve("imageconfig"), "image_name=rhel-8\n");
    }

    private int run(String... args) {
        CommandLine cl = CapiImageBuild.commandLine(java.util.Map.of());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void textSummaryOfTheOnlyBuildInTheFolder() {
        int code = run("metadata", "--output-dir", output.toString());
        assertThat(code).as(err.toString()).isEqualTo(ExitCode.OK);
        assertThat(out.toString())
                .contains("Template:   rhel-8  (packer build vsphere, vsphere-iso)")
                .contains("Kubernetes: 1.30.4")
                .contains("(0h50m00s)")
                .contains(OVA)
                .contains("(matches " + OVA + ".sha256)");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void jsonIsTheMetadataDocument() throws Exception {
        int code = run("metadata", "--output-dir", output.toString(), "--image-name", "rhel-8", "--format", "json");
        assertThat(code).as(err.toString()).isEqualTo(ExitCode.OK);
        JsonNode doc = MetadataJson.mapper().readTree(out.toString());
        assertThat(doc.get("imageName").asText()).isEqualTo("rhel-8");
        assertThat(doc.get("osVersion").asText()).isEqualTo("rhel-8");
        assertThat(doc.get("ova").get("checksumFileVerified").asBoolean()).isTrue();
        assertThat(doc.get("buildEnd").asText()).isEqualTo("2026-07-22T11:00:00Z");
    }

    @Test
    void checksumMismatchExitsOneWithTheReasonOnStderr() throws Exception {
        Files.writeString(imageDir.resolve(OVA + ".sha256"), "0".repeat(64));
        assertThat(run("metadata", "--output-dir", output.toString())).isEqualTo(ExitCode.FAILED);
        assertThat(err.toString()).contains("checksum mismatch").contains(OVA);
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void missingManifestExitsOne() throws Exception {
        Files.delete(imageDir.resolve("packer-manifest.json"));
        assertThat(run("metadata", "--output-dir", output.toString())).isEqualTo(ExitCode.FAILED);
        assertThat(err.toString()).contains("no build outputs");
        assertThat(run("metadata", "--output-dir", output.toString(), "--image-name", "rhel-8"))
                .isEqualTo(ExitCode.FAILED);
        assertThat(err.toString()).contains("no Packer manifest");
    }

    @Test
    void corruptManifestExitsOne() throws Exception {
        Files.writeString(imageDir.resolve("packer-manifest.json"), "{\"builds\": [");
        assertThat(run("metadata", "--output-dir", output.toString())).isEqualTo(ExitCode.FAILED);
        assertThat(err.toString()).contains("packer-manifest.json").contains("not a valid Packer manifest");
    }

    @Test
    void badUsageExitsTwo() throws Exception {
        assertThat(run("metadata")).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(err.toString()).contains("--output-dir");
        assertThat(run("metadata", "--output-dir", output.toString(), "--format", "yaml"))
                .isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(run("metadata", "--output-dir", output.resolve("nope").toString()))
                .isEqualTo(ExitCode.INVALID_INPUT);
        Path second = Files.createDirectories(output.resolve("rocky-8"));
        Files.copy(imageDir.resolve("packer-manifest.json"), second.resolve("packer-manifest.json"));
        assertThat(run("metadata", "--output-dir", output.toString())).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(err.toString()).contains("[rhel-8, rocky-8]").contains("--image-name");
    }
}
