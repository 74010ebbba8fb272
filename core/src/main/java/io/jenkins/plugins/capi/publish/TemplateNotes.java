package io.jenkins.plugins.capi.publish;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The notes ({@code config.annotation}) a published template carries: a first line that marks it as this tool's,
 * then one {@code key: value} line per fact. The marker, with the {@code image_name} line, is how the clean-up of
 * old templates recognises the family; nothing without the marker is ever deleted.
 */
public final class TemplateNotes {

    public static final String MARKER = "Published by capi-image-build";

    private TemplateNotes() {}

    /** What the notes of a template record, read back. */
    public record Parsed(String imageName, Instant publishedAt, Map<String, String> values) {}

    public static String render(TemplateIdentity id, Instant publishedAt) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("image_name", id.imageName());
        v.put("os_version", id.osVersion());
        v.put("image_type", id.imageType());
        v.put("kubernetes", id.kubernetesVersion());
        v.put("containerd", id.containerdVersion());
        v.put("cni", id.cniVersion());
        v.put("ova_sha256", id.ovaSha256());
        v.put("builder_image", id.builderImage());
        id.producer().forEach((k, val) -> v.put("producer." + k, val));
        v.put("published", publishedAt.toString());
        StringBuilder b = new StringBuilder(MARKER);
        v.forEach((k, val) -> {
            if (val != null && !val.isBlank()) {
                b.append('\n').append(k).append(": ").append(val.replace('\n', ' ').strip());
            }
        });
        return b.toString();
    }

    /** Empty unless the notes start with the marker and name an image. */
    public static Optional<Parsed> parse(String notes) {
        if (notes == null || !notes.strip().startsWith(MARKER)) {
            return Optional.empty();
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : notes.strip().split("\\R")) {
            int colon = line.indexOf(": ");
            if (colon > 0) {
                values.put(line.substring(0, colon).strip(), line.substring(colon + 2).strip());
            }
        }
        String image = values.get("image_name");
        if (image == null || image.isBlank()) {
            return Optional.empty();
        }
        Instant at = null;
        try {
            at = values.containsKey("published") ? Instant.parse(values.get("published")) : null;
        } catch (DateTimeParseException ignored) {
            // a hand-edited date: the template's creation date orders it instead
        }
        return Optional.of(new Parsed(image, at, values));
    }
}
