package io.jenkins.plugins.capi.airgap;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What a user gives for an air-gapped build, as every front end takes it: the vendor's archive (or its extracted
 * folder), the support VM's certificate, the optional Kubernetes air-gap pack and whether to run it, and the Yum
 * repository's port. The rest of an {@link AirgapRequest} comes from the build itself.
 *
 * @param source            the vendor's {@code capi-image-builder-<tag>.tgz}, or the folder it was extracted into
 * @param certificate       the support VM's certificate (PEM); null for {@value AirgapRequest#DEFAULT_CERTIFICATE}
 * @param kubernetesPack    {@code airgap-pack-kubernetes-<version>.bin}, or null
 * @param runKubernetesPack run the pack before the builder starts
 * @param yumPort           the Yum repository's host port; 0 for {@value YumRepository#DEFAULT_PORT}
 */
public record AirgapSettings(Path source, Path certificate, Path kubernetesPack, boolean runKubernetesPack,
                             int yumPort) {

    /** The request for one build: its output folder (the work folder goes next to it), run id, engine and secrets. */
    public AirgapRequest request(Path outputDir, String runId, String dockerHost, List<String> secrets,
                                 Duration yumReadyTimeout) {
        AirgapRequest r = AirgapRequest.of(source, AirgapRequest.defaultWorkDir(outputDir), runId)
                .withYumPort(yumPort)
                .withDockerHost(dockerHost)
                .withSecrets(secrets);
        if (certificate != null) {
            r = r.withCertificate(certificate);
        }
        if (kubernetesPack != null) {
            r = r.withKubernetesPack(kubernetesPack, runKubernetesPack);
        }
        return yumReadyTimeout == null ? r : r.withTimeouts(yumReadyTimeout, r.packTimeout());
    }
}
