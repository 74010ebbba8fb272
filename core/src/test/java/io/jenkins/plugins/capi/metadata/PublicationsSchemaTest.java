package io.jenkins.plugins.capi.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code publications} in the schema: new documents validate, documents written before it still do. */
class PublicationsSchemaTest {

    @BeforeAll
    static void schema() throws Exception {
        MetadataJsonTest.loadPublishedSchema();
    }

    static TemplateMetadata.Publication publication(String outcome) {
        return new TemplateMetadata.Publication("targets/dr.conf", "vc2.example.com", outcome,
                "/DC1/vm/golden/rockylinux-8-kube-v1.30.4", "vm-77", "ova", "capi", "9a1f-item", List.of(
                        "capi-image-build:published", "capi-image-build.os:rockylinux-8"), 3_571_576_320L, 812_000,
                List.of("/DC1/vm/golden/rockylinux-8-kube-v1.30.3"),
                new TemplateMetadata.Palette("/DC1/vm/golden/rockylinux-8-kube-v1.30.4", "rockylinux", "8", "1.30.4"),
                "published /DC1/vm/golden/rockylinux-8-kube-v1.30.4");
    }

    static TemplateMetadata document(List<TemplateMetadata.Publication> publications) {
        return new TemplateMetadata(TemplateMetadata.SCHEMA_VERSION, "rocky-8", "rockylinux-8", "standard", "1.30.4",
                null, null, null, null, null, null, Instant.parse("2026-07-22T10:00:00Z"), null,
                new TemplateMetadata.Ova("a.ova", 1, "a".repeat(64), true), List.of(), Map.of(), Map.of(), publications);
    }

    @Test
    void publicationsValidateAndReadBack() throws Exception {
        String json = MetadataJson.toJson(document(List.of(publication("replaced"), new TemplateMetadata.Publication(
                "imageconfig", "vc1", "failed", null, null, null, null, null, List.of(), 0, 5, List.of(), null,
                "vCenter vc1: connection refused"))));
        assertThat(MetadataJsonTest.validate(json)).isEmpty();
        assertThat(MetadataJson.mapper().readValue(json, TemplateMetadata.class).publications())
                .extracting(TemplateMetadata.Publication::outcome).containsExactly("replaced", "failed");
    }

    @Test
    void aDocumentWrittenBeforePublicationsStillValidatesAndReadsAsEmpty() throws Exception {
        String json = MetadataJson.toJson(document(List.of())).replaceAll(",\\s*\"publications\" : \\[ \\]", "");
        assertThat(json).doesNotContain("publications");
        assertThat(MetadataJsonTest.validate(json)).isEmpty();
        assertThat(MetadataJson.mapper().readValue(json, TemplateMetadata.class).publications()).isEmpty();
    }

    @Test
    void theSchemaRejectsAnUnknownOutcomeOrAStrayField() throws Exception {
        String json = MetadataJson.toJson(document(List.of(publication("published"))));
        assertThat(MetadataJsonTest.validate(json.replace("\"published\",", "\"uploaded\","))).isNotEmpty();
        assertThat(MetadataJsonTest.validate(json.replace("\"bytesSent\"", "\"password\" : \"x\", \"bytesSent\"")))
                .isNotEmpty();
    }
}
