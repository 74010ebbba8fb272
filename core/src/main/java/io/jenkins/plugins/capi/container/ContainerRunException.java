package io.jenkins.plugins.capi.container;

import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * The builder container could not be prepared, started or run. It says what kind of problem it is, why in one line
 * (naming the socket, host, image or folder; secrets already masked) and what to do about it. It never carries the
 * engine library's exception, so no stack trace or unmasked text travels with it.
 */
public class ContainerRunException extends RuntimeException {
    private static final long serialVersionUID = 2L;

    /** What went wrong, so a front end can word it or map it to an exit code. */
    public enum Kind {
        /** No engine answers at the socket or host (not running, wrong address). */
        ENGINE_UNREACHABLE,
        /** The engine's socket exists but this user may not use it. */
        ENGINE_PERMISSION_DENIED,
        /** The builder image is not present and could not be pulled or loaded. */
        IMAGE_UNAVAILABLE,
        /** The output folder (or the ISO given for it) cannot be used as it is. */
        OUTPUT_FOLDER_UNUSABLE,
        /** Another build uses the output folder, or a container of a build that may still run does. */
        OUTPUT_FOLDER_IN_USE,
        /** The engine answered, but with an error. */
        ENGINE_ERROR
    }

    private final Kind kind;
    private final String reason;
    private final String hint;

    /**
     * @param reason one line saying what happened; it must not hold a secret
     * @param hint   what to do about it, in words every front end can use
     */
    public ContainerRunException(Kind kind, String reason, String hint) {
        super(oneLine(reason) + (hint == null || hint.isBlank() ? "" : " (hint: " + oneLine(hint) + ")"));
        this.kind = Objects.requireNonNull(kind, "kind");
        this.reason = oneLine(reason);
        this.hint = hint == null ? "" : oneLine(hint);
    }

    public Kind kind() {
        return kind;
    }

    /** One line: what happened. */
    public String reason() {
        return reason;
    }

    /** What to do about it; empty when there is nothing to add. */
    public String hint() {
        return hint;
    }

    /** The same exception with {@code mask} applied to its texts (secrets a quoted engine message may hold). */
    public ContainerRunException masked(UnaryOperator<String> mask) {
        return new ContainerRunException(kind, mask.apply(reason), mask.apply(hint));
    }

    /** Engine messages end in newlines and may span several; a reason is always one line. */
    static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }
}
