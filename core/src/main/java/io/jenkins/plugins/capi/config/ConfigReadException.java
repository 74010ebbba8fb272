package io.jenkins.plugins.capi.config;

import java.io.IOException;

/**
 * An imageconfig that cannot be read at all: missing, a directory, unreadable, too large, not text. The message
 * names the file and the reason and never carries a value from it.
 */
public final class ConfigReadException extends IOException {
    private static final long serialVersionUID = 1L;

    public ConfigReadException(String message, Throwable cause) {
        super(message, cause);
    }
}
