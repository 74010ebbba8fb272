package io.jenkins.plugins.capi.config;

import io.jenkins.plugins.capi.secrets.BuildSecrets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Renders an image config as the {@code imageconfig} file the builder reads: the vendor's 71-line layout with
 * every documented key on its documented line, then any other keys under "Additional keys". Values are quoted so
 * that a shell-style reader (and {@link ImageConfigParser}) gets them back unchanged. Credentials from
 * {@link BuildSecrets} take the place of the file's values.
 */
public final class ImageConfigWriter {

    public static final String REDACTED = "<redacted>";

    private ImageConfigWriter() {}

    /**
     * The complete file, secrets included: write it only where the builder reads it, and delete it afterwards.
     *
     * @throws IllegalArgumentException when a value contains a line break or NUL (the message names the key only)
     */
    public static String render(ImageConfig config, BuildSecrets secrets) {
        return write(config, secrets, false);
    }

    /** The same text with every secret value shown as {@code <redacted>}: safe to print or log. */
    public static String renderRedacted(ImageConfig config, BuildSecrets secrets) {
        return write(config, secrets, true);
    }

    /** The values to write: the config's, normalised to documented spellings, with supplied credentials on top. */
    static Map<String, String> effectiveValues(ImageConfig config, BuildSecrets secrets) {
        Map<String, String> values = new LinkedHashMap<>();
        config.entries().values().forEach(e -> {
            var legacy = ConfigKey.byLegacyName(e.key());
            // A legacy spelling only counts when the documented spelling is absent.
            if (legacy.isEmpty()) {
                values.put(e.key(), e.value());
            } else if (!config.entries().containsKey(legacy.get().key())) {
                values.put(legacy.get().key(), e.value());
            }
        });
        BuildSecrets s = secrets == null ? BuildSecrets.NONE : secrets;
        put(values, ConfigKey.VCENTER_USER, s.vcenterUser());
        put(values, ConfigKey.VCENTER_PASSWORD, s.vcenterPassword());
        put(values, ConfigKey.RHEL_SUBSCRIPTION_USER, s.rhelUser());
        put(values, ConfigKey.RHEL_SUBSCRIPTION_PASS, s.rhelPassword());
        return values;
    }

    private static void put(Map<String, String> values, ConfigKey key, String supplied) {
        if (supplied != null && !supplied.isEmpty()) {
            values.put(key.key(), supplied);
        }
    }

    private static String write(ImageConfig config, BuildSecrets secrets, boolean redact) {
        Map<String, String> values = effectiveValues(config, secrets);
        StringBuilder out = new StringBuilder(4096);
        for (TemplateLayout.Line line : TemplateLayout.lines()) {
            if (line instanceof TemplateLayout.Comment c) {
                out.append(c.text().isEmpty() ? "#" : "# " + c.text());
            } else if (line instanceof TemplateLayout.KeyLine k) {
                assignment(out, k.key().key(), values.getOrDefault(k.key().key(), ""), redact);
            }
            out.append('\n');
        }
        boolean first = true;
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (ConfigKey.isKnown(e.getKey())) {
                continue;
            }
            if (first) {
                out.append('\n').append("# Additional keys (not in the documented template)\n");
                first = false;
            }
            assignment(out, e.getKey(), e.getValue(), redact);
            out.append('\n');
        }
        return out.toString();
    }

    private static void assignment(StringBuilder out, String key, String value, boolean redact) {
        if (ImageConfigParser.invalidKeyCharacter(key) >= 0 || key.isEmpty()) {
            throw new IllegalArgumentException("cannot write key `" + key.replaceAll("[^A-Za-z0-9_-]", "?")
                    + "`: keys are made of letters, digits and underscores");
        }
        if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0 || value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("cannot write `" + key + "`: its value contains a line break or NUL");
        }
        out.append(key).append('=');
        if (redact && !value.isEmpty() && ConfigKey.isSecret(key)) {
            out.append(REDACTED);
        } else {
            out.append(quote(value));
        }
    }

    /**
     * {@code value} as a shell word: bare when it holds only characters no shell treats specially, otherwise in
     * single quotes, with each embedded {@code '} written as {@code '\''}.
     */
    public static String quote(String value) {
        if (value.isEmpty()) {
            return "";
        }
        boolean bare = true;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "_-.,:/@%+=".indexOf(c) >= 0;
            if (!safe) {
                bare = false;
                break;
            }
        }
        if (bare) {
            return value;
        }
        return "'" + value.replace("'", "'\\''") + "'";
    }
}
