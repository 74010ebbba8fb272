package io.jenkins.plugins.capi.metadata;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.capi.Json;
import io.jenkins.plugins.capi.fs.AtomicFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The JSON form of {@link TemplateMetadata} ({@code docs/metadata.md}, {@code docs/metadata.schema.json}): field
 * names as in the records (camelCase), every field present (unknown values as {@code null}), instants as ISO-8601
 * UTC strings. Reading ignores fields it does not know, so newer documents stay readable.
 */
public final class MetadataJson {

    /** The file name of the metadata document, written at {@code <outputDir>/template-metadata.json}. */
    public static final String FILE_NAME = "template-metadata.json";

    private static final ObjectMapper MAPPER = Json.mapper(); // writes nulls: every field is present, as the schema requires

    private MetadataJson() {}

    /** The configured mapper; shared and thread-safe, do not reconfigure it. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Where the metadata of a build with output folder {@code outputDir} is written. */
    public static Path defaultFile(Path outputDir) {
        return outputDir.resolve(FILE_NAME);
    }

    public static String toJson(TemplateMetadata metadata) {
        try {
            return MAPPER.writeValueAsString(metadata) + "\n";
        } catch (JsonProcessingException e) {
            // records of strings, numbers and instants always serialise; this would be a programming error
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code metadata} to {@code file} atomically: readers never see a half-written document. */
    public static void write(TemplateMetadata metadata, Path file) throws IOException {
        AtomicFile.write(file, toJson(metadata).getBytes(StandardCharsets.UTF_8));
    }

    /** Reads a metadata document; a malformed one is an {@link IOException} naming the file and the position. */
    public static TemplateMetadata read(Path file) throws IOException {
        try {
            TemplateMetadata m = MAPPER.readValue(Files.readAllBytes(file), TemplateMetadata.class);
            if (m == null) {
                throw new IOException(file + ": not a template metadata document (null)");
            }
            return m;
        } catch (JacksonException e) {
            throw new IOException(file + ": not a template metadata document: " + e.getOriginalMessage(), e);
        }
    }
}
