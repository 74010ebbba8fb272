package io.jenkins.plugins.capi.config;

import java.io.IOException;

/**
 * A file that cannot be read as an image config at all (too large, not text). Problems on single lines are
 * reported as {@link Finding}s instead. The message names the file and never carries a value from it.
 */
public final class ConfigParseException extends IOException {
    private static final long serialVersionUID = 1L;

    private final SourceLocation location;
    private final String reason;

    public ConfigParseException(SourceLocation location, String reason) {
        super(location + ": " + reason);
        this.location = location;
        this.reason = reason;
    }

    /** The message without the location. */
    public String reason() {
        return reason;
    }

    public SourceLocation location() {
        return location;
    }
}
