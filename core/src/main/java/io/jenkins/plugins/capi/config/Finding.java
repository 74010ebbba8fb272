package io.jenkins.plugins.capi.config;

import java.util.Objects;

/**
 * One problem found in an image config, an ISO, the outputs or vCenter. Never carries a secret value.
 *
 * @param severity   how bad it is
 * @param key        the imageconfig key it is about, or {@code null}
 * @param location   where it was found
 * @param message    what is wrong, in one sentence
 * @param hint       how to fix it, or {@code null}
 * @param suggestion a value for {@code key} that fixes it (the hint then shows it), or {@code null}
 * @param setting    a setting outside the file that the hint refers to, or {@code null}; front ends add their words
 */
public record Finding(Severity severity, String key, SourceLocation location, String message, String hint,
                      String suggestion, Setting setting) {

    public Finding {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(message, "message");
    }

    public Finding(Severity severity, String key, SourceLocation location, String message, String hint) {
        this(severity, key, location, message, hint, null, null);
    }

    public static Finding error(String key, SourceLocation location, String message, String hint) {
        return new Finding(Severity.ERROR, key, location, message, hint);
    }

    public static Finding warning(String key, SourceLocation location, String message, String hint) {
        return new Finding(Severity.WARNING, key, location, message, hint);
    }

    /** A finding about the file or the run as a whole, not about one key. */
    public static Finding error(SourceLocation location, String message, String hint) {
        return error((String) null, location, message, hint);
    }

    public static Finding warning(SourceLocation location, String message, String hint) {
        return warning((String) null, location, message, hint);
    }

    public static Finding error(ConfigKey key, SourceLocation location, String message, String hint) {
        return error(key.key(), location, message, hint);
    }

    public static Finding warning(ConfigKey key, SourceLocation location, String message, String hint) {
        return warning(key.key(), location, message, hint);
    }

    public static Finding info(ConfigKey key, SourceLocation location, String message) {
        return new Finding(Severity.INFO, key.key(), location, message, null);
    }

    /** This finding with a value for its key that fixes it. */
    public Finding suggesting(String value) {
        return new Finding(severity, key, location, message, hint, value, setting);
    }

    /** This finding, whose hint refers to {@code outside} (a setting outside the file). */
    public Finding about(Setting outside) {
        return new Finding(severity, key, location, message, hint, suggestion, outside);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** {@code FILE:LINE: error|warning: message (hint: ...)}, the compiler-style line the CLI prints. */
    public String format() {
        StringBuilder b = new StringBuilder();
        b.append(location).append(": ").append(severity.label()).append(": ").append(message);
        if (hint != null && !hint.isBlank()) {
            b.append(" (hint: ").append(hint).append(')');
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return format();
    }
}
