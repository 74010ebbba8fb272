package io.jenkins.plugins.capi.airgap;

/**
 * An air-gap step failed: the archive could not be read or unpacked, the engine refused a load, the Yum repository
 * did not become ready, or the Kubernetes air-gap pack failed. The message names what and why, and never holds a
 * secret.
 */
public class AirgapException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public AirgapException(String message) {
        super(message);
    }

    public AirgapException(String message, Throwable cause) {
        super(message, cause);
    }
}
