package io.jenkins.plugins.capi.vsphere;

import java.time.Duration;
import java.util.Objects;

/**
 * How long to wait for vCenter.
 *
 * @param connect TCP connect and TLS handshake
 * @param read    the answer to one SOAP call
 */
public record VsphereTimeouts(Duration connect, Duration read) {

    public static final VsphereTimeouts DEFAULT = new VsphereTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(30));

    public VsphereTimeouts {
        Objects.requireNonNull(connect, "connect");
        Objects.requireNonNull(read, "read");
        if (connect.isNegative() || connect.isZero() || read.isNegative() || read.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
    }

    public static VsphereTimeouts of(Duration both) {
        return new VsphereTimeouts(both, both);
    }
}
