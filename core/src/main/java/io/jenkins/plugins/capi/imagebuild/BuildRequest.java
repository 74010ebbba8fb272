package io.jenkins.plugins.capi.imagebuild;

import io.jenkins.plugins.capi.Defaults;
import io.jenkins.plugins.capi.config.CompatibilityMode;
import io.jenkins.plugins.capi.secrets.BuildSecrets;
import io.jenkins.plugins.capi.vsphere.VsphereTls;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Everything one image build needs. Built by the CLI or the Jenkins plugin (on the agent).
 *
 * @param configFile     the imageconfig file to read
 * @param overrides      keys applied on top of the file ({@code --set} / Pipeline {@code overrides:})
 * @param outputDir      host folder mounted at {@code /home/imagebuilder/output}
 * @param isoPath        an ISO outside the output folder, mounted read-only; null when the ISO is in the output folder
 * @param builderImage   builder image reference
 * @param imageArchive   a {@code docker save} tar to load when the image is not present (air-gapped sites); may be null
 * @param dockerHost     Docker/Podman API URI; null means {@code DOCKER_HOST} or the default socket
 * @param timeout        the build's time limit
 * @param stopGrace      how long SIGTERM is given before the container is killed
 * @param compatibility  how the compatibility matrix is applied
 * @param preflight      whether to check vCenter before starting the container
 * @param vsphereTls     how to trust vCenter's certificate
 * @param secrets        credentials, supplied at run time only
 * @param runId          stable id of this run (container name and labels); e.g. Jenkins job + build number
 * @param producer       free-form facts about who ran the build, copied into the metadata
 */
public record BuildRequest(
        Path configFile,
        Map<String, String> overrides,
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
        Map<String, String> producer) {

    public BuildRequest {
        Objects.requireNonNull(configFile, "configFile");
        Objects.requireNonNull(outputDir, "outputDir");
        Objects.requireNonNull(builderImage, "builderImage");
        Objects.requireNonNull(runId, "runId");
        overrides = overrides == null ? Map.of() : Map.copyOf(overrides);
        producer = producer == null ? Map.of() : Map.copyOf(producer);
        timeout = timeout == null ? Defaults.TIMEOUT : timeout;
        stopGrace = stopGrace == null ? Defaults.STOP_GRACE : stopGrace;
        compatibility = compatibility == null ? CompatibilityMode.WARN : compatibility;
        vsphereTls = vsphereTls == null ? VsphereTls.VERIFY : vsphereTls;
        secrets = secrets == null ? BuildSecrets.NONE : secrets;
    }
}
