package io.jenkins.plugins.capi.config;

import java.io.IOException;

/**
 * A file that cannot be read as an image config at all (too large, not text). Problems on single lines are
 * reported as {@link Finding}s instead. The message names the file and never carries a value from it.
 */
public final class ConfigParseException extends IOException {
    private static final long serialVersionUID = 1L;

    private final SourceLocation location;

    public ConfigParseException(SourceLocation location, String message) {
        super(location + ": " + message);
        this.location = location;
    }

    public SourceLocation location() {
        return location;
    }
}
