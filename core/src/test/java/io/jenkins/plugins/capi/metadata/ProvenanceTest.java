package io.jenkins.plugins.capi.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.capi.config.ImageConfig;
import io.jenkins.plugins.capi.testing.SecretScan;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProvenanceTest {

    static final String SECRET = "Pl4nted-rhel<&>secret";

    @TempDir
    Path out;

    static TemplateMetadata metadata() {
        return new TemplateMetadata(TemplateMetadata.SCHEMA_VERSION, "rocky-8", "rockylinux-8", "standard", "1.30.4",
                "1.3.0", "1.7.13", null,
                new TemplateMetadata.Builder("reg.example/capi-builder:v4.6.24", "sha256:" + "1".repeat(64),
                        "reg.example/capi-builder@sha256:" + "2".repeat(64)),
                null, new TemplateMetadata.Packer("rocky-8", "vsphere", "vsphere-iso", "run-42", 1L),
                Instant.parse("2026-07-22T10:00:00Z"), Instant.parse("2026-07-22T11:00:00Z"),
                new TemplateMetadata.Ova("rockylinux-8-kube-v1.30.4.ova", 10, "A".repeat(64), true), List.of(),
                Map.of(), Map.of("tool", "capi-image-build 1.0.0", "jenkins.build", "12"));
    }

    static ImageConfig config(Map<String, String> changes) {
        Map<String, String> v = new HashMap<>(Map.of("image_name", "rocky-8", "k8s_version", "1.30.4",
                "iso_name", "Rocky-8.10-x86_64-dvd1.iso", "iso_checksum", "sha256:" + "C".repeat(64),
                "vcenter_password", SECRET, "rhel_subscription_pass", SECRET, "my_api_token", SECRET));
        v.putAll(changes);
        return ImageConfig.of("imageconfig", v);
    }

    @Test
    void theStatementAttestsTheOvaWithItsInputsAndRun() throws Exception {
        Path file = Provenance.write(out, metadata(), config(Map.of()));
        JsonNode s = MetadataJson.mapper().readTree(file.toFile());
        assertThat(s.path("_type").asText()).isEqualTo("https://in-toto.io/Statement/v1");
        assertThat(s.path("predicateType").asText()).isEqualTo("https://slsa.dev/provenance/v1");
        assertThat(s.path("subject").get(0).path("name").asText()).isEqualTo("rockylinux-8-kube-v1.30.4.ova");
        assertThat(s.path("subject").get(0).path("digest").path("sha256").asText()).isEqualTo("a".repeat(64));
        JsonNode def = s.path("predicate").path("buildDefinition");
        assertThat(def.path("externalParameters").path("config").path("digest").path("sha256").asText())
                .isEqualTo(Provenance.configDigest(config(Map.of())));
        assertThat(def.path("resolvedDependencies").toString()).contains("Rocky-8.10-x86_64-dvd1.iso", "c".repeat(64),
                "docker://reg.example/capi-builder:v4.6.24", "2".repeat(64));
        JsonNode run = s.path("predicate").path("runDetails");
        assertThat(run.path("metadata").path("startedOn").asText()).isEqualTo("2026-07-22T10:00:00Z");
        assertThat(run.path("metadata").path("invocationId").asText()).isEqualTo("run-42");
        assertThat(run.path("builder").path("version").path("jenkins.build").asText()).isEqualTo("12");
        SecretScan.assertNoFileContains(out, SECRET);
    }

    @Test
    void theConfigDigestIgnoresSecretsAndChangesWithEverythingElse() {
        String base = Provenance.configDigest(config(Map.of()));
        assertThat(Provenance.configDigest(config(Map.of("vcenter_password", "other", "my_api_token", "x"))))
                .isEqualTo(base);
        assertThat(Provenance.configDigest(config(Map.of("k8s_version", "1.30.5")))).isNotEqualTo(base);
    }

    @Test
    void aCloneBuildNamesItsBaseTemplateAndNoOvaIsNoStatement() {
        JsonNode s = Provenance.statement(metadata(), config(Map.of("iso_checksum", "", "vcenter_template", "/DC0/vm/base/rocky-8")));
        assertThat(s.path("predicate").path("buildDefinition").path("resolvedDependencies").toString())
                .contains("vsphere-template:/DC0/vm/base/rocky-8").doesNotContain("iso");
        TemplateMetadata noOva = new TemplateMetadata(1, "x", null, null, null, null, null, null, null, null, null,
                null, null, null, List.of(), Map.of(), Map.of());
        assertThatThrownBy(() -> Provenance.statement(noOva, config(Map.of()))).hasMessageContaining("no OVA SHA-256");
    }
}
