package io.jenkins.plugins.capi.container;

import io.jenkins.plugins.capi.Defaults;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One run of the builder container. Made with {@link #builder}: the five values every run needs, then the optional
 * ones by name.
 *
 * @param imageRef          builder image reference, e.g. {@code us-docker.pkg.dev/…/capi-builder:v4.6.24}
 * @param imageArchive      a {@code docker save} tar to load when the image is not present; null for none
 * @param registryAuth      credentials for pulling; null for anonymous
 * @param dockerHost        engine URI; null for {@code DOCKER_HOST} or the default socket
 * @param outputDir         host folder mounted at {@code /home/imagebuilder/output}
 * @param imageConfigText   the rendered imageconfig (holds secrets); mounted for the run only, never written there
 * @param imageName         the config's {@code image_name}: the output sub-folder
 * @param isoPath           an ISO outside the output folder, mounted read-only; null for none
 * @param isoName           the config's {@code iso_name}: where the ISO appears in the output folder
 * @param runId             stable id of the run: container name and label
 * @param timeout           time limit of the container run
 * @param stopGrace         how long Packer gets after SIGTERM (abort or timeout) before the container is killed
 * @param heartbeatInterval silence after which a heartbeat is reported
 * @param secrets           values to mask in every line
 * @param stalePolicy       what to do with an earlier run's {@code <image_name>/}
 * @param execPlan          run the build as execs in an idling container; null for the image's own start-up
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
        StalePolicy stalePolicy,
        ExecPlan execPlan) {

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
        if (timeout.isNegative() || timeout.isZero() || stopGrace.isNegative() || heartbeatInterval.isNegative()
                || heartbeatInterval.isZero()) {
            throw new IllegalArgumentException("timeout and heartbeat must be positive and the stop grace not negative");
        }
    }

    public static Builder builder(String imageRef, Path outputDir, String imageConfigText, String imageName,
                                  String runId) {
        return new Builder(imageRef, outputDir, imageConfigText, imageName, runId);
    }

    /** A builder holding every value of this spec, to change some. */
    public Builder toBuilder() {
        return new Builder(imageRef, outputDir, imageConfigText, imageName, runId).imageArchive(imageArchive)
                .registryAuth(registryAuth).dockerHost(dockerHost).iso(isoPath, isoName).timeout(timeout)
                .stopGrace(stopGrace).heartbeatInterval(heartbeatInterval).secrets(secrets).stalePolicy(stalePolicy)
                .execPlan(execPlan);
    }

    /** Never shows the imageconfig text or secrets. */
    @Override
    public String toString() {
        return "RunSpec[image=" + imageRef + ", outputDir=" + outputDir + ", imageName=" + imageName + ", runId="
                + runId + ", iso=" + isoPath + ", timeout=" + timeout + ", stopGrace=" + stopGrace + "]";
    }

    /** Unset values take the defaults of {@link Defaults} (timeout, stop grace, heartbeat) and {@code MOVE_ASIDE}. */
    public static final class Builder {
        private final String imageRef;
        private final Path outputDir;
        private final String imageConfigText;
        private final String imageName;
        private final String runId;
        private Path imageArchive;
        private RegistryAuth registryAuth;
        private String dockerHost;
        private Path isoPath;
        private String isoName;
        private Duration timeout;
        private Duration stopGrace;
        private Duration heartbeatInterval;
        private List<String> secrets;
        private StalePolicy stalePolicy;
        private ExecPlan execPlan;

        private Builder(String imageRef, Path outputDir, String imageConfigText, String imageName, String runId) {
            this.imageRef = imageRef;
            this.outputDir = outputDir;
            this.imageConfigText = imageConfigText;
            this.imageName = imageName;
            this.runId = runId;
        }

        public Builder imageArchive(Path archive) {
            this.imageArchive = archive;
            return this;
        }

        public Builder registryAuth(RegistryAuth auth) {
            this.registryAuth = auth;
            return this;
        }

        public Builder dockerHost(String host) {
            this.dockerHost = host;
            return this;
        }

        /** An ISO outside the output folder, mounted read-only as {@code <output>/<name>}. */
        public Builder iso(Path path, String name) {
            this.isoPath = path;
            this.isoName = name;
            return this;
        }

        public Builder timeout(Duration runTimeout) {
            this.timeout = runTimeout;
            return this;
        }

        public Builder stopGrace(Duration grace) {
            this.stopGrace = grace;
            return this;
        }

        public Builder heartbeatInterval(Duration interval) {
            this.heartbeatInterval = interval;
            return this;
        }

        public Builder secrets(List<String> values) {
            this.secrets = values;
            return this;
        }

        public Builder stalePolicy(StalePolicy policy) {
            this.stalePolicy = policy;
            return this;
        }

        public Builder execPlan(ExecPlan plan) {
            this.execPlan = plan;
            return this;
        }

        public RunSpec build() {
            return new RunSpec(imageRef, imageArchive, registryAuth, dockerHost, outputDir, imageConfigText, imageName,
                    isoPath, isoName, runId, timeout, stopGrace, heartbeatInterval, secrets, stalePolicy, execPlan);
        }
    }
}
