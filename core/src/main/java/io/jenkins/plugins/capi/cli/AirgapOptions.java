package io.jenkins.plugins.capi.cli;

import io.jenkins.plugins.capi.airgap.AirgapSettings;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** An air-gapped build from the vendor's archive: its images, its Yum repository, its Kubernetes pack. */
final class AirgapOptions {

    @Option(names = "--airgap-archive", paramLabel = "TGZ|DIR",
            description = "The vendor's capi-image-builder-<tag>.tgz (or the folder it was extracted into): its builder"
                    + " and Yum images are loaded straight from it, its Yum repository is started for the build and"
                    + " removed afterwards, and its versions are checked against the imageconfig first.")
    Path archive;

    @Option(names = "--airgap-cert", paramLabel = "FILE",
            description = "The air-gap support VM's certificate (PEM); default: /opt/spectro/ssl/server.crt.")
    Path certificate;

    @Option(names = "--airgap-pack", paramLabel = "FILE",
            description = "The Kubernetes air-gap pack airgap-pack-kubernetes-<version>.bin: its version is checked"
                    + " against k8s_version.")
    Path pack;

    @Option(names = "--run-airgap-pack", description = "Run the Kubernetes air-gap pack before the builder starts.")
    boolean runPack;

    @Option(names = "--yum-port", paramLabel = "N", defaultValue = "0",
            description = "Host port of the Yum repository (default: 9000).")
    int yumPort;

    /** Null for a connected build. */
    AirgapSettings settings() {
        if (archive == null) {
            if (certificate != null || pack != null || runPack || yumPort != 0) {
                throw new CliInputException("--airgap-cert, --airgap-pack, --run-airgap-pack and --yum-port go with"
                        + " --airgap-archive");
            }
            return null;
        }
        if (yumPort < 0 || yumPort > 65535) {
            throw new CliInputException("--yum-port must be a port number (1-65535)");
        }
        if (runPack && pack == null) {
            throw new CliInputException("--run-airgap-pack needs --airgap-pack FILE");
        }
        return new AirgapSettings(archive.toAbsolutePath(), certificate == null ? null : certificate.toAbsolutePath(),
                pack == null ? null : pack.toAbsolutePath(), runPack, yumPort);
    }
}
