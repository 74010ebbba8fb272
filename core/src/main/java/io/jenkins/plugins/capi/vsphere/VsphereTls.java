package io.jenkins.plugins.capi.vsphere;

import java.nio.file.Path;

/**
 * How vCenter's TLS certificate is trusted: the JVM trust store plus an optional CA file, or not at all.
 *
 * @param caFile   PEM file with extra CA certificates to trust; null for none
 * @param insecure do not verify the certificate (a warning is printed every run)
 */
public record VsphereTls(Path caFile, boolean insecure) {
    public static final VsphereTls VERIFY = new VsphereTls(null, false);
}
