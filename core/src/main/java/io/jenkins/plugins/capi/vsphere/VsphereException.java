package io.jenkins.plugins.capi.vsphere;

import java.util.Objects;

/**
 * A vCenter call that failed. The message names the server and the cause in words a user can act on and never
 * contains a password.
 */
public final class VsphereException extends Exception {

    private static final long serialVersionUID = 1L;

    /** What went wrong, coarse enough to decide what to tell the user. */
    public enum Kind {
        /** The value given (server, CA file) cannot be used. */
        INVALID_INPUT,
        /** The server name does not resolve. */
        DNS,
        /** Nothing listens at that address and port. */
        REFUSED,
        /** Connecting or waiting for an answer took longer than allowed. */
        TIMEOUT,
        /** The TLS handshake failed, usually an untrusted certificate or a name mismatch. */
        TLS,
        /** Another network failure. */
        NETWORK,
        /** An HTTP status that is not a SOAP answer (a proxy, a wrong URL). */
        HTTP,
        /** vCenter answered with a SOAP fault; {@link #faultName()} says which. */
        FAULT,
        /** The answer could not be understood. */
        PROTOCOL
    }

    private final Kind kind;
    private final String server;
    private final String faultName;

    public VsphereException(Kind kind, String server, String faultName, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.server = server;
        this.faultName = faultName;
    }

    public VsphereException(Kind kind, String server, String message) {
        this(kind, server, null, message, null);
    }

    public Kind kind() {
        return kind;
    }

    /** The server as the user gave it ({@code host} or {@code host:port}). */
    public String server() {
        return server;
    }

    /** The vim25 fault type, e.g. {@code InvalidLogin}, {@code NoPermission}; null unless {@link Kind#FAULT}. */
    public String faultName() {
        return faultName;
    }

    public boolean isFault(String name) {
        return kind == Kind.FAULT && name.equals(faultName);
    }
}
