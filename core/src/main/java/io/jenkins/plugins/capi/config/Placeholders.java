package io.jenkins.plugins.capi.config;

import java.util.regex.Pattern;

/**
 * The vendor's template ships values such as {@code <vcenter-server>} and masked examples such as
 * {@code ***********}: they are not real values. One rule for the validator and every reader.
 */
public final class Placeholders {

    private static final Pattern PLACEHOLDER = Pattern.compile("<[A-Za-z0-9][A-Za-z0-9 _.-]*>");
    private static final Pattern MASKED = Pattern.compile("\\*{3,}");

    private Placeholders() {}

    /**
     * Whether {@code value} of {@code key} is a placeholder left from the template. A secret's value is only a
     * placeholder when all of it is one (a password may contain {@code <x>}); other values when they contain one.
     */
    public static boolean isPlaceholder(String key, String value) {
        if (value == null || value.isEmpty()) {
            return false;
        }
        if (MASKED.matcher(value).matches()) {
            return true;
        }
        return ConfigKey.isSecret(key) ? PLACEHOLDER.matcher(value).matches() : PLACEHOLDER.matcher(value).find();
    }
}
