package io.jenkins.plugins.capi.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetadataJsonTest {

    @TempDir
    Path output;

    static JsonSchema schema;

    @BeforeAll
    static void loadPublishedSchema() throws IOException {
        // docs/metadata.schema.json, put on the test class path by the pom
        try (InputStream in = MetadataJsonTest.class.getResourceAsStream("/metadata.schema.json")) {
            assertThat(in).as("docs/metadata.schema.json on the test class path").isNotNull();
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        }
    }

    static Set<ValidationMessage> validate(String json) throws IOException {
        JsonNode node = MetadataJson.mapper().readTree(json);
        return schema.validate(node);
    }

    private TemplateMetadata collected(boolean withFacts) throws Exception {
        KibOutputFolder.write(output);
        TemplateMetadata.VcenterFacts facts = withFacts
                ? new TemplateMetadata.VcenterFacts("vm-1042", "/DC1/vm/teamA/rocky-8", true, "rockylinux_64Guest",
                        4, 8192, 21_474_836_480L, Instant.parse("2026-07-22T10:47:01.123Z"), false)
                : null;
        return new MetadataCollector(OutputScanner.withDefaults()).collect(output,
                MetadataCollectorTest.rockyConfig("teamA"),
                new TemplateMetadata.Builder("localhost/capi-builder:4.6.24", "sha256:" + "2".repeat(64),
                        "us-docker.pkg.dev/palette-images/capi-builder@sha256:" + "3".repeat(64)),
                Instant.parse("2026-07-22T10:00:00Z"), Instant.parse("2026-07-22T10:48:30Z"),
                Map.of("tool", "capi-image-build 1.0.0"), facts);
    }

    @Test
    void producedMetadataValidatesAgainstThePublishedSchema() throws Exception {
        String json = MetadataJson.toJson(collected(true));
        assertThat(validate(json)).isEmpty();
        assertThat(json).contains("\"buildStart\" : \"2026-07-22T10:00:00Z\"")
                .contains("\"templateInventoryPath\" : \"/DC1/vm/teamA/rocky-8\"")
                .contains("\"createDate\" : \"2026-07-22T10:47:01.123Z\"");
    }

    @Test
    void metadataWithoutConfigOrFactsValidatesToo() throws Exception {
        KibOutputFolder.write(output);
        TemplateMetadata m = new MetadataCollector(OutputScanner.hashingFilesUpTo(0)).collect(output,
                io.jenkins.plugins.capi.config.ImageConfig.of("--image-name", Map.of("image_name", "rocky-8")),
                null, null, null, Map.of(), null);
        String json = MetadataJson.toJson(m);
        assertThat(validate(json)).isEmpty();
        assertThat(json).contains("\"vcenter\" : null").contains("\"builder\" : null");
    }

    @Test
    void schemaRejectsWhatItShould() throws Exception {
        String json = MetadataJson.toJson(collected(false));
        assertThat(validate(json.replace("\"schemaVersion\" : 1", "\"schemaVersion\" : 2"))).isNotEmpty();
        assertThat(validate(json.replace("\"checksumFileVerified\" : true", "\"checksumFileVerified\" : \"yes\"")))
                .isNotEmpty();
        assertThat(validate(json.replace("\"imageName\" : \"rocky-8\",", "\"imageName\" : \"rocky-8\", \"password\" : \"x\",")))
                .isNotEmpty();
    }

    @Test
    void theExampleInTheDocsValidatesAndReads() throws Exception {
        String doc;
        try (InputStream in = MetadataJsonTest.class.getResourceAsStream("/metadata.md")) {
            assertThat(in).as("docs/metadata.md on the test class path").isNotNull();
            doc = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        int start = doc.indexOf("```json\n") + "```json\n".length();
        String example = doc.substring(start, doc.indexOf("\n```", start));
        assertThat(validate(example)).isEmpty();
        Path file = Files.writeString(output.resolve("example.json"), example);
        TemplateMetadata m = MetadataJson.read(file);
        assertThat(m.vcenter().facts().managedObjectId()).isEqualTo("vm-4711");
        assertThat(m.files()).hasSize(7);
        // the example is what MetadataJson writes, byte for byte
        assertThat(MetadataJson.toJson(m)).isEqualTo(example + "\n");
    }

    @Test
    void writeAndReadRoundTrip() throws Exception {
        TemplateMetadata m = collected(true);
        Path file = MetadataJson.defaultFile(output);
        MetadataJson.write(m, file);
        assertThat(file).isEqualTo(output.resolve("template-metadata.json"));
        assertThat(MetadataJson.read(file)).isEqualTo(m);
        // written outside <image_name>/, so a rescan does not list it among the outputs
        assertThat(OutputScanner.withDefaults().scan(output, "rocky-8").files())
                .noneMatch(f -> f.name().contains("template-metadata"));
        try (var s = Files.list(output)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("rocky-8", "template-metadata.json");
        }
    }

    @Test
    void readRejectsCorruptDocumentsNamingTheFile() throws Exception {
        Path file = Files.writeString(output.resolve("template-metadata.json"), "{\"schemaVersion\": ");
        assertThatThrownBy(() -> MetadataJson.read(file)).isInstanceOf(IOException.class)
                .hasMessageContaining(file.toString());
    }
}
