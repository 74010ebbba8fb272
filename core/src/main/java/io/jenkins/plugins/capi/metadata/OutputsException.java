package io.jenkins.plugins.capi.metadata;

import java.nio.file.Path;

/**
 * The builder's outputs are missing or inconsistent: no manifest, a corrupt manifest, no OVA or several,
 * an OVA whose checksum file disagrees. The message names the file and what is wrong with it.
 */
public class OutputsException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient Path file;

    public OutputsException(Path file, String message) {
        this(file, message, null);
    }

    public OutputsException(Path file, String message, Throwable cause) {
        super(file + ": " + message, cause);
        this.file = file;
    }

    /** The file or folder the problem is about. */
    public Path file() {
        return file;
    }
}
