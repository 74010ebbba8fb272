package io.jenkins.plugins.capi.publish;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A template name with placeholders: {@code {os}} ({@code os_version}), {@code {k8s}} ({@code k8s_version}),
 * {@code {image_name}}, {@code {build}} (the build number), {@code {date}} (the build's UTC date, {@code yyyyMMdd}).
 * Without a pattern the name is the builder's VM name (Packer's artifact id).
 */
public final class NamePattern {

    public static final List<String> PLACEHOLDERS = List.of("os", "k8s", "image_name", "build", "date");
    /** vCenter's limit for a VM name. */
    public static final int MAX_NAME_LENGTH = 80;
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);

    private final String pattern;

    private NamePattern(String pattern) {
        this.pattern = pattern;
    }

    /** The default: the artifact id as it is. */
    public static NamePattern artifactId() {
        return new NamePattern(null);
    }

    /** @throws IllegalArgumentException naming an unknown placeholder or a stray brace, and the known ones */
    public static NamePattern of(String pattern) {
        if (pattern == null || pattern.isBlank()) {
            return artifactId();
        }
        Optional<String> problem = problem(pattern);
        if (problem.isPresent()) {
            throw new IllegalArgumentException(problem.get());
        }
        return new NamePattern(pattern.strip());
    }

    /** What is wrong with a pattern, for form validation; empty when it is fine. */
    public static Optional<String> problem(String pattern) {
        Matcher m = PLACEHOLDER.matcher(pattern);
        List<String> unknown = new ArrayList<>();
        while (m.find()) {
            if (!PLACEHOLDERS.contains(m.group(1))) {
                unknown.add("{" + m.group(1) + "}");
            }
        }
        if (!unknown.isEmpty()) {
            return Optional.of("unknown placeholder " + String.join(", ", unknown) + " in the name pattern '" + pattern
                    + "'; the placeholders are " + known());
        }
        String rest = m.replaceAll("");
        if (rest.contains("{") || rest.contains("}")) {
            return Optional.of("the name pattern '" + pattern + "' has an unmatched brace; placeholders are written "
                    + known());
        }
        if (pattern.contains("/")) {
            return Optional.of("the name pattern '" + pattern + "' contains '/': it names the template, the folder"
                    + " comes from vcenter_folder");
        }
        return Optional.empty();
    }

    private static String known() {
        return String.join(", ", PLACEHOLDERS.stream().map(p -> "{" + p + "}").toList());
    }

    /** @throws IllegalArgumentException when a placeholder used has no value, or the name is too long */
    public String render(TemplateIdentity id) {
        if (pattern == null) {
            return require(id.artifactId() != null && !id.artifactId().isBlank() ? id.artifactId() : id.imageName(),
                    "the artifact id (image_name)");
        }
        Map<String, String> values = new java.util.HashMap<>();
        values.put("os", id.osVersion());
        values.put("k8s", id.kubernetesVersion());
        values.put("image_name", id.imageName());
        values.put("build", id.buildId());
        values.put("date", id.builtAt() == null ? null : DATE.format(id.builtAt()));
        Matcher m = PLACEHOLDER.matcher(pattern);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String v = values.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(require(v, "{" + m.group(1) + "}")));
        }
        m.appendTail(out);
        String name = out.toString().strip();
        if (name.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("the template name '" + name + "' is " + name.length()
                    + " characters; vCenter allows " + MAX_NAME_LENGTH + ": shorten the name pattern");
        }
        return name;
    }

    private String require(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("the name pattern '" + (pattern == null ? "" : pattern) + "' uses "
                    + what + ", which this build does not have"
                    + ("{build}".equals(what) ? " (give the build number)" : ""));
        }
        return value.strip();
    }

    @Override
    public String toString() {
        return pattern == null ? "<artifact id>" : pattern;
    }
}
