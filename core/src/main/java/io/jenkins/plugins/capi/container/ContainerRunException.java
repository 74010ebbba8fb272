package io.jenkins.plugins.capi.container;

/** The container could not be prepared, started or cleaned up. The message names what and why; never a secret. */
public class ContainerRunException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ContainerRunException(String message) {
        super(message);
    }

    public ContainerRunException(String message, Throwable cause) {
        super(message, cause);
    }
}
