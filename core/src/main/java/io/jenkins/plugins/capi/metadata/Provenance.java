package io.jenkins.plugins.capi.metadata;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.capi.config.ConfigKey;
import io.jenkins.plugins.capi.config.ImageConfig;
import io.jenkins.plugins.capi.fs.AtomicFile;
import io.jenkins.plugins.capi.iso.Sha256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * The build's provenance, written next to the metadata as an in-toto Statement (v1) with an SLSA provenance
 * (v1) predicate: the subject is the OVA by its SHA-256; the inputs are the ISO's SHA-256 or the base template,
 * the builder image (by digest when known) and a SHA-256 of the effective config without its secret keys; the
 * run details are the build's start, end and producer. Nothing in it is secret: it is made from the metadata,
 * which holds none, and from the config's non-secret values, of which only a hash appears.
 */
public final class Provenance {

    public static final String FILE_NAME = "template-provenance.intoto.json";
    public static final String STATEMENT_TYPE = "https://in-toto.io/Statement/v1";
    public static final String PREDICATE_TYPE = "https://slsa.dev/provenance/v1";
    /** Identifies how a build of this tool is described (the fields below), not a place to fetch. */
    public static final String BUILD_TYPE = "https://github.com/jenkinsci/capi-image-builder-plugin/buildtypes/capi-image-build/v1";
    public static final String BUILDER_ID = "https://github.com/jenkinsci/capi-image-builder-plugin";

    private Provenance() {}

    /** Where the statement of a build with output folder {@code outputDir} is written. */
    public static Path defaultFile(Path outputDir) {
        return outputDir.resolve(FILE_NAME);
    }

    /**
     * The SHA-256 of the config as the build used it: {@code key=value} lines sorted by key, without any key
     * {@link ConfigKey#isSecret} calls secret (a hash of a secret would let anyone test guesses against it).
     */
    public static String configDigest(ImageConfig config) {
        Map<String, String> values = new TreeMap<>();
        config.entries().forEach((k, e) -> {
            if (!ConfigKey.isSecret(k)) {
                values.put(k, e.value());
            }
        });
        StringBuilder b = new StringBuilder();
        values.forEach((k, v) -> b.append(k).append('=').append(v).append('\n'));
        return Sha256.of(b.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** @throws IllegalArgumentException when the metadata has no OVA digest (there is nothing to attest) */
    public static ObjectNode statement(TemplateMetadata m, ImageConfig config) {
        if (m.ova() == null || !Sha256.isHexDigest(m.ova().sha256())) {
            throw new IllegalArgumentException("the metadata has no OVA SHA-256: there is no subject to attest");
        }
        ObjectNode root = MetadataJson.mapper().createObjectNode();
        root.put("_type", STATEMENT_TYPE);
        ObjectNode subject = root.putArray("subject").addObject();
        subject.put("name", m.ova().fileName());
        subject.putObject("digest").put("sha256", Sha256.normalise(m.ova().sha256()));
        root.put("predicateType", PREDICATE_TYPE);
        ObjectNode predicate = root.putObject("predicate");

        ObjectNode definition = predicate.putObject("buildDefinition");
        definition.put("buildType", BUILD_TYPE);
        ObjectNode external = definition.putObject("externalParameters");
        external.put("imageName", m.imageName());
        putIfSet(external, "osVersion", m.osVersion());
        putIfSet(external, "imageType", m.imageType());
        putIfSet(external, "kubernetesVersion", m.kubernetesVersion());
        putIfSet(external, "containerdVersion", m.containerdVersion());
        putIfSet(external, "cniVersion", m.cniVersion());
        external.putObject("config").putObject("digest").put("sha256", configDigest(config));
        if (m.packer() != null) {
            ObjectNode internal = definition.putObject("internalParameters");
            putIfSet(internal, "packerArtifactId", m.packer().artifactId());
            putIfSet(internal, "packerBuilderType", m.packer().builderType());
        }
        ArrayNode deps = definition.putArray("resolvedDependencies");
        String iso = config.value(ConfigKey.ISO_CHECKSUM).map(Provenance::bareDigest).orElse(null);
        if (iso != null) {
            ObjectNode d = deps.addObject();
            d.put("name", config.value(ConfigKey.ISO_NAME).filter(s -> !s.isBlank()).orElse("iso"));
            d.putObject("digest").put("sha256", iso);
        }
        config.value(ConfigKey.VCENTER_TEMPLATE).filter(s -> !s.isBlank()).ifPresent(t -> {
            ObjectNode d = deps.addObject();
            d.put("name", "vcenter-template");
            d.put("uri", "vsphere-template:" + t.strip());
        });
        if (m.builder() != null && m.builder().image() != null) {
            ObjectNode d = deps.addObject();
            d.put("uri", "docker://" + m.builder().image());
            String digest = m.builder().digest();
            if (digest != null && digest.contains("@sha256:")) {
                d.putObject("digest").put("sha256", digest.substring(digest.indexOf("@sha256:") + 8));
            }
        }

        ObjectNode run = predicate.putObject("runDetails");
        ObjectNode builder = run.putObject("builder");
        builder.put("id", BUILDER_ID);
        ObjectNode producer = builder.putObject("version");
        m.producer().forEach(producer::put);
        ObjectNode meta = run.putObject("metadata");
        if (m.packer() != null) {
            putIfSet(meta, "invocationId", m.packer().runUuid());
        }
        if (m.buildStart() != null) {
            meta.put("startedOn", m.buildStart().toString());
        }
        if (m.buildEnd() != null) {
            meta.put("finishedOn", m.buildEnd().toString());
        }
        return root;
    }

    /** Writes the statement atomically to {@link #defaultFile(Path)}. */
    public static Path write(Path outputDir, TemplateMetadata m, ImageConfig config) throws IOException {
        Path file = defaultFile(outputDir);
        try {
            byte[] json = (MetadataJson.mapper().writeValueAsString(statement(m, config)) + "\n")
                    .getBytes(StandardCharsets.UTF_8);
            AtomicFile.write(file, json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    private static String bareDigest(String checksum) {
        String s = Sha256.normalise(checksum);
        if (s.startsWith("sha256:")) {
            s = s.substring(7);
        }
        return Sha256.isHexDigest(s) ? s : null;
    }

    private static void putIfSet(ObjectNode o, String key, String value) {
        if (value != null && !value.isBlank()) {
            o.put(key, value);
        }
    }
}
