package io.jenkins.plugins.capi.cli;

import io.jenkins.plugins.capi.vsphere.VsphereTls;
import java.nio.file.Path;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** How vCenter's certificate is trusted: {@code --ca-file} or {@code --insecure}, not both. */
final class VcenterTrustOptions {

    @ArgGroup(exclusive = true)
    Choice choice;

    static final class Choice {
        @Option(names = "--ca-file", paramLabel = "FILE",
                description = "PEM file with vCenter's CA certificate(s), trusted besides the JVM's.")
        Path caFile;

        @Option(names = "--insecure", description = "Do not verify vCenter's certificate (a warning every run).")
        boolean insecure;
    }

    VsphereTls tls() {
        if (choice == null) {
            return VsphereTls.VERIFY;
        }
        return new VsphereTls(choice.caFile == null ? null : choice.caFile.toAbsolutePath(), choice.insecure);
    }
}
