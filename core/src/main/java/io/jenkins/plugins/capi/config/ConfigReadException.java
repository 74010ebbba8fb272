package io.jenkins.plugins.capi.config;

import java.io.IOException;
import java.nio.file.Path;

/**
 * An imageconfig that cannot be read at all: missing, a directory, unreadable, too large, not text. The message
 * names the file and the reason and never carries a value from it.
 */
public final class ConfigReadException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String reason;

    public ConfigReadException(Path file, String reason, Throwable cause) {
        super(file + ": " + reason, cause);
        this.reason = reason;
    }

    /** The message without the file's name, for a report that shows the file as the location already. */
    public String reason() {
        return reason;
    }
}
