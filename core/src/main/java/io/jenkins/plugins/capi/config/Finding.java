package io.jenkins.plugins.capi.config;

import java.util.Objects;

/**
 * One problem found in an image config, an ISO, the outputs or vCenter. Never carries a secret value.
 *
 * @param severity how bad it is
 * @param key      the imageconfig key it is about, or {@code null}
 * @param location where it was found
 * @param message  what is wrong, in one sentence
 * @param hint     how to fix it, or {@code null}
 */
public record Finding(Severity severity, String key, SourceLocation location, String message, String hint) {

    public Finding {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(message, "message");
    }

    public static Finding error(String key, SourceLocation location, String message, String hint) {
        return new Finding(Severity.ERROR, key, location, message, hint);
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

    public static Finding warning(String key, SourceLocation location, String message, String hint) {
        return new Finding(Severity.WARNING, key, location, message, hint);
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
