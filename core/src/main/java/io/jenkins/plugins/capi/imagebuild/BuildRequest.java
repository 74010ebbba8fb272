package io.jenkins.plugins.capi.imagebuild;

import io.jenkins.plugins.capi.Defaults;
import io.jenkins.plugins.capi.airgap.AirgapSettings;
import io.jenkins.plugins.capi.config.CompatibilityMode;
import io.jenkins.plugins.capi.config.Overrides;
import io.jenkins.plugins.capi.customize.Customization;
import io.jenkins.plugins.capi.publish.PublishSettings;
import io.jenkins.plugins.capi.secrets.BuildSecrets;
import io.jenkins.plugins.capi.vsphere.VsphereTls;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Everything one image build needs. Built by the CLI or the Jenkins plugin (on the agent) with {@link #builder}.
 * Nothing is checked here; {@link RequestChecks} reports what is wrong, all at once.
 *
 * @param configFile    the imageconfig file to read
 * @param overrides     keys applied on top of the file ({@code --set} / the step's overrides)
 * @param outputDir     host folder mounted at {@code /home/imagebuilder/output}
 * @param isoPath       an ISO outside the output folder, mounted read-only; null when the ISO is in the output folder
 * @param builderImage  builder image reference
 * @param imageArchive  a {@code docker save} tar to load when the image is not present (air-gapped sites); may be null
 * @param dockerHost    Docker/Podman API URI; null means {@code DOCKER_HOST} or the default socket
 * @param timeout       the build's time limit
 * @param stopGrace     how long SIGTERM is given before the container is killed
 * @param compatibility how the compatibility matrix is applied
 * @param preflight     whether to check vCenter before starting the container
 * @param vsphereTls    how to trust vCenter's certificate
 * @param secrets       credentials supplied from outside the file, at run time only
 * @param runId         id of this run (container name and labels), unique per build step call
 * @param producer      free-form facts about who ran the build, copied into the metadata (insertion order kept)
 * @param customization custom scripts, static IP / kickstart, the RHSM workaround; {@link Customization#NONE}
 * @param publish       what to do with a successful build's result in vCenter; null to publish nothing
 * @param removeBuildVm after a build that did not succeed, power off and delete the VM it left in vCenter (it is
 *                      always looked for and reported)
 * @param airgap        the vendor's air-gap archive and what goes with it; null for a connected build
 */
public record BuildRequest(
        Path configFile,
        Overrides overrides,
        Path outputDir,
        Path isoPath,
        String builderImage,
        Path imageArchive,
        String dockerHost,
        Duration timeout,
        Duration stopGrace,
        CompatibilityMode compatibility,
        boolean preflight,
        VsphereTls vsphereTls,
        BuildSecrets secrets,
        String runId,
        Map<String, String> producer,
        Customization customization,
        PublishSettings publish,
        boolean removeBuildVm,
        AirgapSettings airgap) {

    public BuildRequest {
        Objects.requireNonNull(configFile, "configFile");
        Objects.requireNonNull(outputDir, "outputDir");
        Objects.requireNonNull(runId, "runId");
        overrides = overrides == null ? Overrides.none() : overrides;
        // Blank is kept: RequestChecks reports it, a front end that means "the default" passes null.
        builderImage = builderImage == null ? Defaults.BUILDER_IMAGE : builderImage.strip();
        dockerHost = dockerHost == null || dockerHost.isBlank() ? null : dockerHost.strip();
        producer = producer == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(producer));
        timeout = timeout == null ? Defaults.TIMEOUT : timeout;
        stopGrace = stopGrace == null ? Defaults.STOP_GRACE : stopGrace;
        compatibility = compatibility == null ? CompatibilityMode.WARN : compatibility;
        vsphereTls = vsphereTls == null ? VsphereTls.VERIFY : vsphereTls;
        secrets = secrets == null ? BuildSecrets.NONE : secrets;
        customization = customization == null ? Customization.NONE : customization;
    }

    public static Builder builder(Path configFile, Path outputDir, String runId) {
        return new Builder(configFile, outputDir, runId);
    }

    /** Never shows the secrets (the record's own form would list them). */
    @Override
    public String toString() {
        return "BuildRequest[config=" + configFile + ", overrides=" + overrides + ", outputDir=" + outputDir
                + ", iso=" + isoPath + ", image=" + builderImage + ", runId=" + runId + "]";
    }

    /** Every field but the three required ones has the default {@link BuildRequest} gives it. */
    public static final class Builder {
        private final Path configFile;
        private final Path outputDir;
        private final String runId;
        private Overrides overrides;
        private Path isoPath;
        private String builderImage;
        private Path imageArchive;
        private String dockerHost;
        private Duration timeout;
        private Duration stopGrace;
        private CompatibilityMode compatibility;
        private boolean preflight = true;
        private VsphereTls vsphereTls;
        private BuildSecrets secrets;
        private Map<String, String> producer;
        private Customization customization;
        private PublishSettings publish;
        private boolean removeBuildVm;
        private AirgapSettings airgap;

        private Builder(Path configFile, Path outputDir, String runId) {
            this.configFile = configFile;
            this.outputDir = outputDir;
            this.runId = runId;
        }

        public Builder overrides(Overrides value) {
            this.overrides = value;
            return this;
        }

        public Builder isoPath(Path value) {
            this.isoPath = value;
            return this;
        }

        public Builder builderImage(String value) {
            this.builderImage = value;
            return this;
        }

        public Builder imageArchive(Path value) {
            this.imageArchive = value;
            return this;
        }

        public Builder dockerHost(String value) {
            this.dockerHost = value;
            return this;
        }

        public Builder timeout(Duration value) {
            this.timeout = value;
            return this;
        }

        public Builder stopGrace(Duration value) {
            this.stopGrace = value;
            return this;
        }

        public Builder compatibility(CompatibilityMode value) {
            this.compatibility = value;
            return this;
        }

        public Builder preflight(boolean value) {
            this.preflight = value;
            return this;
        }

        public Builder vsphereTls(VsphereTls value) {
            this.vsphereTls = value;
            return this;
        }

        public Builder secrets(BuildSecrets value) {
            this.secrets = value;
            return this;
        }

        public Builder producer(Map<String, String> value) {
            this.producer = value;
            return this;
        }

        public Builder customization(Customization value) {
            this.customization = value;
            return this;
        }

        public Builder publish(PublishSettings value) {
            this.publish = value;
            return this;
        }

        public Builder removeBuildVm(boolean value) {
            this.removeBuildVm = value;
            return this;
        }

        public Builder airgap(AirgapSettings value) {
            this.airgap = value;
            return this;
        }

        public BuildRequest build() {
            return new BuildRequest(configFile, overrides, outputDir, isoPath, builderImage, imageArchive, dockerHost,
                    timeout, stopGrace, compatibility, preflight, vsphereTls, secrets, runId, producer, customization,
                    publish, removeBuildVm, airgap);
        }
    }
}
