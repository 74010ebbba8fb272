package io.jenkins.plugins.capi.airgap;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One air-gapped build's inputs besides the imageconfig. Build with {@link #of} and the {@code with…} methods.
 *
 * @param source            the vendor's {@code capi-image-builder-<tag>.tgz}, or the folder it was extracted into
 * @param certificate       the support VM's TLS certificate (PEM), served from the Yum repository as
 *                          {@code server.crt}; default {@value #DEFAULT_CERTIFICATE}
 * @param kubernetesPack    {@code airgap-pack-kubernetes-<version>.bin}, or null; its version is checked when given
 * @param runKubernetesPack run the pack before the builder starts (it uploads the Kubernetes images)
 * @param yumPort           host port of the Yum repository; default {@value YumRepository#DEFAULT_PORT}
 * @param imageLoading      whether images already in the engine under the documented names are loaded again
 * @param workDir           the build's folder for {@code rpmrepo/}, {@code kickstart/} and the imageconfig template;
 *                          missing, empty, or the tool's own from an earlier run; deleted when the build ends
 * @param runId             the build's run id (container names and labels)
 * @param dockerHost        the engine URI the build uses, or null for the local one; decides where the Yum port is
 *                          checked and health-checked
 * @param yumReadyTimeout   how long the Yum repository may take to index its packages
 * @param packTimeout       how long the Kubernetes air-gap pack may run
 * @param secrets           values to mask in the pack's output
 */
public record AirgapRequest(
        Path source,
        Path certificate,
        Path kubernetesPack,
        boolean runKubernetesPack,
        int yumPort,
        ImageLoading imageLoading,
        Path workDir,
        String runId,
        String dockerHost,
        Duration yumReadyTimeout,
        Duration packTimeout,
        List<String> secrets) {

    /** Where the air-gap support VM keeps its certificate. */
    public static final String DEFAULT_CERTIFICATE = "/opt/spectro/ssl/server.crt";

    public enum ImageLoading {
        /** Load an image only when the engine does not have it under its documented name yet. */
        IF_MISSING,
        /** Always load from the bundle (a re-issued archive with the same tag). */
        ALWAYS
    }

    public AirgapRequest {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(workDir, "workDir");
        Objects.requireNonNull(runId, "runId");
        source = source.toAbsolutePath().normalize();
        workDir = workDir.toAbsolutePath().normalize();
        certificate = (certificate == null ? Path.of(DEFAULT_CERTIFICATE) : certificate).toAbsolutePath().normalize();
        kubernetesPack = kubernetesPack == null ? null : kubernetesPack.toAbsolutePath().normalize();
        yumPort = yumPort == 0 ? YumRepository.DEFAULT_PORT : yumPort;
        imageLoading = imageLoading == null ? ImageLoading.IF_MISSING : imageLoading;
        yumReadyTimeout = yumReadyTimeout == null ? YumRepository.DEFAULT_READY_TIMEOUT : yumReadyTimeout;
        packTimeout = packTimeout == null ? KubernetesPack.DEFAULT_TIMEOUT : packTimeout;
        secrets = secrets == null ? List.of() : List.copyOf(secrets);
    }

    /** The defaults for everything but what must be given. */
    public static AirgapRequest of(Path source, Path workDir, String runId) {
        return new AirgapRequest(source, null, null, false, 0, null, workDir, runId, null, null, null, null);
    }

    /** The work folder a build uses when the caller has no better place: next to the output folder. */
    public static Path defaultWorkDir(Path outputDir) {
        Path out = outputDir.toAbsolutePath().normalize();
        return out.resolveSibling(out.getFileName() + ".airgap");
    }

    public AirgapRequest withCertificate(Path file) {
        return new AirgapRequest(source, file, kubernetesPack, runKubernetesPack, yumPort, imageLoading, workDir, runId,
                dockerHost, yumReadyTimeout, packTimeout, secrets);
    }

    /** The pack to check and, when {@code run}, to run before the builder. */
    public AirgapRequest withKubernetesPack(Path pack, boolean run) {
        return new AirgapRequest(source, certificate, pack, run, yumPort, imageLoading, workDir, runId, dockerHost,
                yumReadyTimeout, packTimeout, secrets);
    }

    public AirgapRequest withYumPort(int port) {
        return new AirgapRequest(source, certificate, kubernetesPack, runKubernetesPack, port, imageLoading, workDir,
                runId, dockerHost, yumReadyTimeout, packTimeout, secrets);
    }

    public AirgapRequest withImageLoading(ImageLoading loading) {
        return new AirgapRequest(source, certificate, kubernetesPack, runKubernetesPack, yumPort, loading, workDir,
                runId, dockerHost, yumReadyTimeout, packTimeout, secrets);
    }

    public AirgapRequest withDockerHost(String host) {
        return new AirgapRequest(source, certificate, kubernetesPack, runKubernetesPack, yumPort, imageLoading, workDir,
                runId, host, yumReadyTimeout, packTimeout, secrets);
    }

    public AirgapRequest withTimeouts(Duration yumReady, Duration pack) {
        return new AirgapRequest(source, certificate, kubernetesPack, runKubernetesPack, yumPort, imageLoading, workDir,
                runId, dockerHost, yumReady, pack, secrets);
    }

    public AirgapRequest withSecrets(List<String> values) {
        return new AirgapRequest(source, certificate, kubernetesPack, runKubernetesPack, yumPort, imageLoading, workDir,
                runId, dockerHost, yumReadyTimeout, packTimeout, values);
    }

    /** The host where the Yum port is published: the engine's for {@code tcp://}, else this host's loopback. */
    public String engineHost() {
        if (dockerHost != null && !dockerHost.isBlank()) {
            try {
                java.net.URI uri = java.net.URI.create(dockerHost.strip());
                if ("tcp".equals(uri.getScheme()) && uri.getHost() != null && !uri.getHost().equals("localhost")) {
                    return uri.getHost().replace("[", "").replace("]", "");
                }
            } catch (IllegalArgumentException e) {
                // the engine connection reports a malformed host; loopback is the answer for everything else
            }
        }
        return "127.0.0.1";
    }

    /** Never shows the secrets. */
    @Override
    public String toString() {
        return "AirgapRequest[source=" + source + ", certificate=" + certificate + ", kubernetesPack=" + kubernetesPack
                + (runKubernetesPack ? " (run)" : "") + ", yumPort=" + yumPort + ", imageLoading=" + imageLoading
                + ", workDir=" + workDir + ", runId=" + runId + "]";
    }
}
