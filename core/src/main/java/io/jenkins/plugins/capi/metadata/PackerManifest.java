package io.jenkins.plugins.capi.metadata;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Packer's {@code packer-manifest.json} as KIB writes it (see docs/metadata.md): the builds of every run that
 * used the folder, and {@code last_run_uuid}. Unknown keys are ignored; {@code custom_data} is an open string map
 * because its key set changed across KIB releases ({@code build_type}, {@code custom_role} in old ones).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PackerManifest(
        @JsonProperty("builds") List<Build> builds,
        @JsonProperty("last_run_uuid") String lastRunUuid) {

    public static final String FILE_NAME = "packer-manifest.json";

    private static final ObjectReader READER = MetadataJson.mapper()
            .readerFor(PackerManifest.class)
            .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public PackerManifest {
        builds = builds == null ? List.of() : builds.stream().filter(Objects::nonNull).toList();
    }

    /** One {@code builds[]} entry. {@code files} is empty when the manifest says {@code null}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Build(
            @JsonProperty("name") String name,
            @JsonProperty("builder_type") String builderType,
            @JsonProperty("build_time") Long buildTime,
            @JsonProperty("files") List<FileEntry> files,
            @JsonProperty("artifact_id") String artifactId,
            @JsonProperty("packer_run_uuid") String packerRunUuid,
            @JsonProperty("custom_data") Map<String, String> customData) {

        public Build {
            files = files == null ? List.of() : files.stream().filter(Objects::nonNull).toList();
            customData = customData == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(customData));
        }

        /** A {@code custom_data} value, or {@code null} when absent or empty. */
        public String custom(String key) {
            String v = customData.get(key);
            return v == null || v.isEmpty() ? null : v;
        }
    }

    /** One {@code files[]} entry: a base name and its size in bytes. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record FileEntry(@JsonProperty("name") String name, @JsonProperty("size") long size) {}

    /**
     * Reads {@code file}.
     *
     * @throws OutputsException when the file is missing, unreadable or not a Packer manifest
     */
    public static PackerManifest read(Path file) throws OutputsException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new OutputsException(file, "no Packer manifest; the build did not get as far as its "
                    + "post-processors, or the output folder is not the one the builder wrote to");
        } catch (IOException e) {
            throw new OutputsException(file, "cannot read the Packer manifest: " + e.getMessage(), e);
        }
        if (bytes.length == 0) {
            throw new OutputsException(file, "the Packer manifest is empty (was the build interrupted while writing it?)");
        }
        PackerManifest manifest;
        try {
            manifest = READER.readValue(bytes);
        } catch (JacksonException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new OutputsException(file, "not a valid Packer manifest" + where + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new OutputsException(file, "cannot read the Packer manifest: " + e.getMessage(), e);
        }
        if (manifest == null) {
            throw new OutputsException(file, "not a valid Packer manifest: the document is null");
        }
        return manifest;
    }

    /**
     * The build of the last run: the entry whose {@code packer_run_uuid} equals {@code last_run_uuid}. Earlier
     * runs in the same folder append entries, so {@code builds[0]} may be stale. When several entries belong to the
     * last run (several builders ran), the last one written is taken. A manifest without {@code last_run_uuid} and
     * with exactly one build yields that build.
     *
     * @param file the manifest's path, for the exception message
     */
    public Build lastRunBuild(Path file) throws OutputsException {
        if (builds.isEmpty()) {
            throw new OutputsException(file, "the Packer manifest lists no builds");
        }
        if (lastRunUuid == null || lastRunUuid.isBlank()) {
            if (builds.size() == 1) {
                return builds.get(0);
            }
            throw new OutputsException(file, "the Packer manifest has " + builds.size()
                    + " builds but no last_run_uuid, so the latest cannot be told apart");
        }
        for (int i = builds.size() - 1; i >= 0; i--) {
            Build b = builds.get(i);
            if (lastRunUuid.equals(b.packerRunUuid())) {
                return b;
            }
        }
        List<String> uuids = builds.stream().map(Build::packerRunUuid).toList();
        throw new OutputsException(file, "no build has packer_run_uuid " + lastRunUuid + " (last_run_uuid); builds are from runs "
                + uuids);
    }
}
