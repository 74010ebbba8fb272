package io.jenkins.plugins.capi.imagebuild;

import com.github.dockerjava.api.DockerClient;
import io.jenkins.plugins.capi.Defaults;
import io.jenkins.plugins.capi.config.BuilderVersion;
import io.jenkins.plugins.capi.config.ConfigKey;
import io.jenkins.plugins.capi.config.ConfigLoader;
import io.jenkins.plugins.capi.config.Finding;
import io.jenkins.plugins.capi.config.ImageConfig;
import io.jenkins.plugins.capi.config.ImageConfigWriter;
import io.jenkins.plugins.capi.config.Severity;
import io.jenkins.plugins.capi.config.SourceLocation;
import io.jenkins.plugins.capi.config.ValidationOptions;
import io.jenkins.plugins.capi.container.ContainerEvents;
import io.jenkins.plugins.capi.container.ContainerResult;
import io.jenkins.plugins.capi.container.ContainerRunner;
import io.jenkins.plugins.capi.container.EngineConnection;
import io.jenkins.plugins.capi.container.RegistryAuth;
import io.jenkins.plugins.capi.container.RunSpec;
import io.jenkins.plugins.capi.iso.IsoCheck;
import io.jenkins.plugins.capi.iso.IsoVerificationCache;
import io.jenkins.plugins.capi.logs.ProgressEvent;
import io.jenkins.plugins.capi.metadata.MetadataCollector;
import io.jenkins.plugins.capi.metadata.MetadataJson;
import io.jenkins.plugins.capi.metadata.OutputScanner;
import io.jenkins.plugins.capi.metadata.OutputsException;
import io.jenkins.plugins.capi.metadata.TemplateMetadata;
import io.jenkins.plugins.capi.secrets.BuildSecrets;
import io.jenkins.plugins.capi.vsphere.Preflight;
import io.jenkins.plugins.capi.vsphere.PreflightReport;
import io.jenkins.plugins.capi.vsphere.TemplateFacts;
import io.jenkins.plugins.capi.vsphere.VsphereException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One image build from start to end: load and validate the config, check the ISO, pre-flight vCenter,
 * run the builder container, collect outputs and write the template metadata.
 *
 * <p>Interrupting the calling thread aborts the build: the container is stopped gracefully (SIGTERM, then
 * kill after the grace period) and removed, the rendered imageconfig is deleted, and
 * {@link InterruptedException} is thrown.
 */
public final class ImageBuild {

    public BuildOutcome run(BuildRequest request, BuildEvents listener) throws InterruptedException {
        List<Finding> rejected = new ArrayList<>();
        BuildSecrets secrets = request.secrets();
        ConfigLoader.LoadedConfig loaded;
        try {
            loaded = ConfigLoader.load(request.configFile(), request.overrides(), validationOptions(request));
        } catch (IOException e) {
            Finding f = Finding.error(SourceLocation.of(request.configFile().toString()), e.getMessage(),
                    "check the config path");
            listener.finding(f);
            return new BuildOutcome.Rejected(List.of(f));
        }
        loaded.findings().forEach(listener::finding);
        rejected.addAll(loaded.errors());
        ImageConfig config = loaded.config();
        if (!rejected.isEmpty()) {
            return new BuildOutcome.Rejected(rejected);
        }

        listener.info("checking the ISO");
        List<Finding> iso = new IsoCheck(IsoVerificationCache.atDefaultLocation())
                .check(config, request.outputDir(), request.isoPath());
        iso.forEach(listener::finding);
        iso.stream().filter(Finding::isError).forEach(rejected::add);
        if (!rejected.isEmpty()) {
            return new BuildOutcome.Rejected(rejected);
        }

        BuildSecrets effective = effectiveSecrets(config, secrets);
        if (request.preflight()) {
            listener.info("checking vCenter " + config.vcenterServer());
            PreflightReport report = Preflight.run(config, effective, request.vsphereTls());
            report.findings().stream().filter(f -> f.severity() != Severity.INFO).forEach(listener::finding);
            listener.info(report.summary());
            if (!report.passed()) {
                return new BuildOutcome.Rejected(report.errors());
            }
        }

        RunSpec spec = runSpec(request, config, effective);
        ContainerResult result;
        DockerClient docker = EngineConnection.open(request.dockerHost());
        try {
            result = new ContainerRunner(docker).run(spec, new Relay(listener));
        } finally {
            closeQuietly(docker);
        }
        if (result.timedOut()) {
            return new BuildOutcome.TimedOut(request.timeout(), result.lastPhase(), result.phaseTimings());
        }
        if (!result.succeeded()) {
            return new BuildOutcome.Failed(result.exitCode(), "the builder container exited with code "
                    + result.exitCode(), result.hint().orElse(null), result.lastPhase(), result.phaseTimings());
        }

        TemplateMetadata.VcenterFacts facts = null;
        if (request.preflight()) {
            try {
                facts = TemplateFacts.lookup(config, config.imageName(), effective, request.vsphereTls()).orElse(null);
            } catch (VsphereException e) {
                listener.info("could not read the template's vCenter facts: " + e.getMessage());
            }
        }
        try {
            TemplateMetadata metadata = new MetadataCollector(OutputScanner.withDefaults(),
                    warning -> listener.info("WARNING: " + warning)).collect(
                    request.outputDir(), config,
                    new TemplateMetadata.Builder(request.builderImage(), result.imageId(), result.imageDigest()),
                    result.started(), result.ended(), request.producer(), facts);
            Path file = MetadataJson.defaultFile(request.outputDir());
            MetadataJson.write(metadata, file);
            listener.info("template metadata written to " + file);
            return new BuildOutcome.Succeeded(metadata, file, result.phaseTimings());
        } catch (OutputsException | IOException e) {
            return new BuildOutcome.Failed(0, "the build finished but its outputs are unusable: " + e.getMessage(),
                    null, result.lastPhase(), result.phaseTimings());
        }
    }

    /** How the config of {@code request} is validated; {@code plan} uses the same so it agrees with {@code build}. */
    public static ValidationOptions validationOptions(BuildRequest request) {
        BuildSecrets secrets = request.secrets();
        return new ValidationOptions(request.compatibility(),
                BuilderVersion.fromImageReference(request.builderImage()).map(Object::toString).orElse(null),
                secrets.vcenterPassword() != null, secrets.rhelPassword() != null);
    }

    /** Credentials from Jenkins or the environment win over those written in the file. */
    static BuildSecrets effectiveSecrets(ImageConfig config, BuildSecrets supplied) {
        String user = supplied.vcenterUser() != null ? supplied.vcenterUser() : config.vcenterUser();
        String password = supplied.vcenterPassword() != null ? supplied.vcenterPassword()
                : config.value(ConfigKey.VCENTER_PASSWORD).orElse(null);
        String rhelUser = supplied.rhelUser() != null ? supplied.rhelUser()
                : config.value(ConfigKey.RHEL_SUBSCRIPTION_USER).orElse(null);
        String rhelPassword = supplied.rhelPassword() != null ? supplied.rhelPassword()
                : config.value(ConfigKey.RHEL_SUBSCRIPTION_PASS).orElse(null);
        return new BuildSecrets(user, password, rhelUser, rhelPassword, supplied.registryUser(),
                supplied.registryPassword());
    }

    /** The container run this request asks for, with the rendered imageconfig holding the secrets. */
    public static RunSpec runSpec(BuildRequest request, ImageConfig config, BuildSecrets effective) {
        RunSpec.Builder spec = RunSpec.builder(request.builderImage(), request.outputDir(),
                        ImageConfigWriter.render(config, effective), config.imageName(), request.runId())
                .dockerHost(request.dockerHost())
                .timeout(request.timeout())
                .stopGrace(request.stopGrace())
                .heartbeatInterval(Defaults.HEARTBEAT)
                .secrets(effective.maskableValues())
                .imageArchive(request.imageArchive());
        if (request.isoPath() != null) {
            spec.iso(request.isoPath(), config.isoName());
        }
        if (effective.registryUser() != null && effective.registryPassword() != null) {
            spec.registryAuth(new RegistryAuth(registryOf(request.builderImage()),
                    effective.registryUser(), effective.registryPassword()));
        }
        return spec.build();
    }

    private static String registryOf(String image) {
        int slash = image.indexOf('/');
        String first = slash < 0 ? "" : image.substring(0, slash);
        return first.contains(".") || first.contains(":") || first.equals("localhost") ? first : "docker.io";
    }

    private static void closeQuietly(DockerClient docker) {
        try {
            docker.close();
        } catch (IOException e) {
            // only the connection pool is closed here; the run is already finished
        }
    }

    /** Hands the runner's reports to the build's listener. */
    private record Relay(BuildEvents listener) implements ContainerEvents {
        @Override
        public void logLine(String line) {
            listener.logLine(line);
        }

        @Override
        public void progress(ProgressEvent event) {
            listener.progress(event);
        }

        @Override
        public void info(String message) {
            listener.info(message);
        }
    }

    /**
     * Makes sure no container of {@code runId} is left: stops (with {@code stopGraceSeconds}) and removes it.
     * Used after an abort as a second, short call. Returns how many containers were removed.
     */
    public static int removeContainersOf(String dockerHost, String runId, int stopGraceSeconds)
            throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException("interrupted before removing the containers of run " + runId);
        }
        DockerClient docker = EngineConnection.open(dockerHost);
        try {
            return new ContainerRunner(docker).removeContainersOf(runId, Duration.ofSeconds(stopGraceSeconds));
        } finally {
            try {
                docker.close();
            } catch (java.io.IOException e) {
                // closing the connection pool; the containers are already handled
            }
        }
    }
}
