package io.jenkins.plugins.capi.container;

import io.jenkins.plugins.capi.Defaults;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One run of the builder container. Build with {@link #of} and the {@code with…} methods.
 *
 * @param imageRef          builder image reference, e.g. {@code us-docker.pkg.dev/…/capi-builder:v4.6.24}
 * @param imageArchive      a {@code docker save} tar to load when the image is not present; null for none
 * @param registryAuth      credentials for pulling; null for anonymous
 * @param dockerHost        engine URI; null for {@code DOCKER_HOST} or the default socket
 * @param outputDir         host folder mounted at {@code /home/imagebuilder/output}
 * @param imageConfigText   the rendered imageconfig (holds secrets); written for the run only
 * @param imageName         the config's {@code image_name}: the output sub-folder
 * @param isoPath           an ISO outside the output folder, mounted read-only; null for none
 * @param isoName           the config's {@code iso_name}: where the ISO appears in the output folder
 * @param runId             stable id of the run: container name and label
 * @param timeout           time limit of the container run
 * @param stopGrace         SIGTERM-to-kill grace period on abort or timeout
 * @param heartbeatInterval silence after which a heartbeat is reported
 * @param secrets           values to mask in every line
 * @param stalePolicy       what to do with an earlier run's {@code <image_name>/}
 */
public record RunSpec(
        String imageRef,
        Path imageArchive,
        RegistryAuth registryAuth,
        String dockerHost,
        Path outputDir,
        String imageConfigText,
        String imageName,
        Path isoPath,
        String isoName,
        String runId,
        Duration timeout,
        Duration stopGrace,
        Duration heartbeatInterval,
        List<String> secrets,
        StalePolicy stalePolicy) {

    public RunSpec {
        Objects.requireNonNull(imageRef, "imageRef");
        Objects.requireNonNull(outputDir, "outputDir");
        Objects.requireNonNull(imageConfigText, "imageConfigText");
        Objects.requireNonNull(imageName, "imageName");
        Objects.requireNonNull(runId, "runId");
        if (imageName.isBlank() || imageName.contains("/") || imageName.equals(".") || imageName.equals("..")) {
            throw new IllegalArgumentException("image_name '" + imageName + "' must be a plain folder name");
        }
        if (isoPath != null && (isoName == null || isoName.isBlank() || isoName.contains("/"))) {
            throw new IllegalArgumentException("an external ISO needs iso_name (a plain file name) to mount it as");
        }
        outputDir = outputDir.toAbsolutePath().normalize();
        isoPath = isoPath == null ? null : isoPath.toAbsolutePath().normalize();
        timeout = timeout == null ? Defaults.TIMEOUT : timeout;
        stopGrace = stopGrace == null ? Defaults.STOP_GRACE : stopGrace;
        heartbeatInterval = heartbeatInterval == null ? Defaults.HEARTBEAT : heartbeatInterval;
        secrets = secrets == null ? List.of() : List.copyOf(secrets);
        stalePolicy = stalePolicy == null ? StalePolicy.MOVE_ASIDE : stalePolicy;
    }

    public static RunSpec of(String imageRef, Path outputDir, String imageConfigText, String imageName, String runId) {
        return new RunSpec(imageRef, null, null, null, outputDir, imageConfigText, imageName, null, null, runId,
                null, null, null, null, null);
    }

    public RunSpec withImageArchive(Path archive) {
        return new RunSpec(imageRef, archive, registryAuth, dockerHost, outputDir, imageConfigText, imageName, isoPath,
                isoName, runId, timeout, stopGrace, heartbeatInterval, secrets, stalePolicy);
    }

    public RunSpec withRegistryAuth(RegistryAuth auth) {
        return new RunSpec(imageRef, imageArchive, auth, dockerHost, outputDir, imageConfigText, imageName, isoPath,
                isoName, runId, timeout, stopGrace, heartbeatInterval, secrets, stalePolicy);
    }

    public RunSpec withDockerHost(String host) {
        return new RunSpec(imageRef, imageArchive, registryAuth, host, outputDir, imageConfigText, imageName, isoPath,
                isoName, runId, timeout, stopGrace, heartbeatInterval, secrets, stalePolicy);
    }

    public RunSpec withIso(Path path, String name) {
        return new RunSpec(imageRef, imageArchive, registryAuth, dockerHost, outputDir, imageConfigText, imageName, path,
                name, runId, timeout, stopGrace, heartbeatInterval, secrets, stalePolicy);
    }

    public RunSpec withTimeouts(Duration runTimeout, Duration grace, Duration heartbeat) {
        return new RunSpec(imageRef, imageArchive, registryAuth, dockerHost, outputDir, imageConfigText, imageName,
                isoPath, isoName, runId, runTimeout, grace, heartbeat, secrets, stalePolicy);
    }

    public RunSpec withSecrets(List<String> values) {
        return new RunSpec(imageRef, imageArchive, registryAuth, dockerHost, outputDir, imageConfigText, imageName,
                isoPath, isoName, runId, timeout, stopGrace, heartbeatInterval, values, stalePolicy);
    }

    public RunSpec withStalePolicy(StalePolicy policy) {
        return new RunSpec(imageRef, imageArchive, registryAuth, dockerHost, outputDir, imageConfigText, imageName,
                isoPath, isoName, runId, timeout, stopGrace, heartbeatInterval, secrets, policy);
    }

    /** Never shows the imageconfig text or secrets. */
    @Override
    public String toString() {
        return "RunSpec[image=" + imageRef + ", outputDir=" + outputDir + ", imageName=" + imageName + ", runId="
                + runId + ", iso=" + isoPath + ", timeout=" + timeout + ", stopGrace=" + stopGrace + "]";
    }
}
