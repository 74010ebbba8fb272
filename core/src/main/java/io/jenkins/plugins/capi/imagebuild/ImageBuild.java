package io.jenkins.plugins.capi.imagebuild;

import com.github.dockerjava.api.DockerClient;
import io.jenkins.plugins.capi.Defaults;
import io.jenkins.plugins.capi.airgap.AirgapEnvironment;
import io.jenkins.plugins.capi.airgap.AirgapException;
import io.jenkins.plugins.capi.airgap.AirgapPreparation;
import io.jenkins.plugins.capi.airgap.AirgapRequest;
import io.jenkins.plugins.capi.config.CompatibilityMode;
import io.jenkins.plugins.capi.config.ConfigLoader;
import io.jenkins.plugins.capi.config.ConfigReadException;
import io.jenkins.plugins.capi.config.Finding;
import io.jenkins.plugins.capi.config.ImageConfig;
import io.jenkins.plugins.capi.config.ImageConfigWriter;
import io.jenkins.plugins.capi.config.ParsedConfig;
import io.jenkins.plugins.capi.config.Setting;
import io.jenkins.plugins.capi.config.Severity;
import io.jenkins.plugins.capi.config.SourceLocation;
import io.jenkins.plugins.capi.config.ValidationOptions;
import io.jenkins.plugins.capi.container.ContainerEvents;
import io.jenkins.plugins.capi.container.ContainerResult;
import io.jenkins.plugins.capi.container.ContainerRunException;
import io.jenkins.plugins.capi.container.EngineConnection;
import io.jenkins.plugins.capi.container.ImageReference;
import io.jenkins.plugins.capi.container.RegistryAuth;
import io.jenkins.plugins.capi.container.RunSpec;
import io.jenkins.plugins.capi.customize.CustomizationPlan;
import io.jenkins.plugins.capi.customize.OutputStaging;
import io.jenkins.plugins.capi.iso.IsoCheck;
import io.jenkins.plugins.capi.iso.IsoVerificationCache;
import io.jenkins.plugins.capi.logs.FailureHint;
import io.jenkins.plugins.capi.logs.Phase;
import io.jenkins.plugins.capi.logs.ProgressEvent;
import io.jenkins.plugins.capi.logs.SecretMasker;
import io.jenkins.plugins.capi.metadata.MetadataCollector;
import io.jenkins.plugins.capi.metadata.MetadataJson;
import io.jenkins.plugins.capi.metadata.OutputScanner;
import io.jenkins.plugins.capi.metadata.OutputsException;
import io.jenkins.plugins.capi.metadata.TemplateMetadata;
import io.jenkins.plugins.capi.publish.BuildPublication;
import io.jenkins.plugins.capi.publish.PublishResult;
import io.jenkins.plugins.capi.publish.PublishTarget;
import io.jenkins.plugins.capi.publish.TargetCheck;
import io.jenkins.plugins.capi.secrets.BuildSecrets;
import io.jenkins.plugins.capi.vsphere.BuildVmReport;
import io.jenkins.plugins.capi.vsphere.PreflightReport;
import io.jenkins.plugins.capi.vsphere.VsphereException;
import io.jenkins.plugins.capi.vsphere.VsphereTimeouts;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One image build from start to end: check the settings, load and validate the config, check the ISO, pre-flight
 * vCenter, run the builder container, collect outputs and write the template metadata. {@code plan} and {@code run}
 * share the preparation, so what {@code plan} accepts, {@code run} accepts.
 *
 * <p>Interrupting the calling thread aborts the build: the container is stopped gracefully (SIGTERM, then kill after
 * the grace period) and removed, and {@link InterruptedException} is thrown. Engine problems (unreachable, socket
 * permission, image pull, output folder) are a {@link BuildOutcome.Failed} with a one-line reason, never an exception.
 */
public final class ImageBuild {

    /** The category of {@link FailureHint} for problems of the container engine itself. */
    public static final String ENGINE_FAILURE = "engine";
    /** The category of {@link FailureHint} for an air-gap step (loading, extracting, the Yum repository) that failed. */
    public static final String AIRGAP_FAILURE = "airgap";

    private final BuilderEngine engine;
    private final IsoCheck isoCheck;
    private final VcenterChecks vcenter;

    public ImageBuild(BuilderEngine engine, IsoCheck isoCheck, VcenterChecks vcenter) {
        this.engine = engine;
        this.isoCheck = isoCheck;
        this.vcenter = vcenter;
    }

    /** The real engine, the ISO check with its cache of verified ISOs, the real vCenter. */
    public static ImageBuild standard() {
        return new ImageBuild(new DockerBuilderEngine(), new IsoCheck(IsoVerificationCache.atDefaultLocation()),
                VcenterChecks.real());
    }

    /**
     * Everything that can refuse the build on its input, before anything is changed, started or pulled: the settings,
     * the config (file, overrides, validation) and the ISO. Every finding is reported to {@code events}.
     */
    public Preparation prepare(BuildRequest request, BuildEvents events) throws InterruptedException {
        List<Finding> findings = new ArrayList<>(RequestChecks.check(request));
        ImageConfig config = null;
        AirgapPreparation airgap = null;
        String builderImage = request.builderImage();
        try {
            if (request.airgap() == null) {
                ConfigLoader.LoadedConfig loaded = ConfigLoader.load(request.configFile(), request.overrides(),
                        validationOptions(request));
                findings.addAll(loaded.findings());
                config = loaded.hasErrors() ? null : loaded.config();
            } else {
                // The bundle's checks validate the config themselves, with the bundle's builder version.
                ParsedConfig parsed = ConfigLoader.read(request.configFile());
                findings.addAll(parsed.findings());
                findings.addAll(request.overrides().findings());
                ImageConfig read = request.overrides().applyTo(parsed.config());
                events.info("checking the air-gap bundle " + request.airgap().source());
                airgap = AirgapPreparation.prepare(airgapRequest(request, read), read,
                        validationOptions(request.compatibility(), airgapConfiguredImage(request), request.secrets()),
                        null, new AirgapRelay(events));
                findings.addAll(airgap.findings());
                config = findings.stream().anyMatch(Finding::isError) ? null : read;
                builderImage = airgap.builderImage().orElse(builderImage);
            }
        } catch (ConfigReadException e) {
            findings.add(Finding.error(SourceLocation.of(request.configFile().toString()), e.reason(), null)
                    .about(Setting.CONFIG_FILE));
        }
        CustomizationPlan customization = null;
        if (config != null) {
            customization = CustomizationPlan.prepare(request.customization(), config, builderImage,
                    request.outputDir(), null);
            findings.addAll(customization.findings());
        }
        if (config != null && findings.stream().noneMatch(Finding::isError)) {
            events.info("checking the ISO");
            findings.addAll(isoCheck.check(config, request.outputDir(), request.isoPath()));
        }
        findings.forEach(events::finding);
        if (config == null || customization == null || findings.stream().anyMatch(Finding::isError)) {
            return new Preparation.Refused(findings.stream().filter(Finding::isError).toList());
        }
        BuildSecrets effective = request.secrets().resolve(config);
        RunSpec spec = runSpec(request, builderImage, config, effective);
        if (customization.rhsmWorkaround().isPresent()) {
            spec = spec.toBuilder().execPlan(customization.rhsmWorkaround().get().execPlan()).build();
        }
        return new Preparation.Ready(config, effective, spec, customization, airgap);
    }

    /**
     * The image a user chose for an air-gapped build, to compare with the bundle's version: the tool's default is no
     * choice (the bundle's builder is used); an image the user named must be the bundle's version.
     */
    private static String airgapConfiguredImage(BuildRequest request) {
        return request.builderImage().equals(Defaults.BUILDER_IMAGE) ? null : request.builderImage();
    }

    private static AirgapRequest airgapRequest(BuildRequest request, ImageConfig config) {
        return request.airgap().request(request.outputDir(), request.runId(), request.dockerHost(),
                request.secrets().resolve(config).maskingValues(config), null);
    }

    /** What {@link #run} would do, changing nothing (the builder image is only inspected). */
    public PlanOutcome plan(BuildRequest request, BuildEvents events) throws InterruptedException {
        Preparation p = prepare(request, events);
        if (p instanceof Preparation.Refused r) {
            return new PlanOutcome.Refused(r.findings());
        }
        Preparation.Ready ready = (Preparation.Ready) p;
        List<String> steps = new ArrayList<>();
        steps.add("settings, imageconfig and ISO: checked, no errors");
        steps.add(request.preflight() ? "pre-flight: check vCenter " + ready.config().vcenterServer()
                + " (login, inventory, free space, name collisions) before the container starts"
                : "pre-flight: skipped");
        if (request.preflight() && !ready.config().vcenterTemplate().isBlank()) {
            steps.add("base VM: check that " + ready.config().vcenterTemplate() + " has a snapshot and a guest OS"
                    + " of the os_version's family");
        }
        if (ready.airgap() != null) {
            ready.airgap().plan().forEach(step -> steps.add("air gap: " + step.format()));
        }
        ready.customization().describe().forEach(line -> steps.add("customisation: " + line));
        steps.add("then: run the builder container described below and write the template metadata to "
                + MetadataJson.defaultFile(request.outputDir()));
        try {
            return new PlanOutcome.Planned(steps, engine.plan(ready.spec()));
        } catch (RuntimeException e) {
            String reason = oneLine(e, ready);
            return new PlanOutcome.Refused(List.of(Finding.error(SourceLocation.of(Setting.DOCKER_HOST.label()),
                    reason, "start the engine, or give its address").about(Setting.DOCKER_HOST)));
        }
    }

    public BuildOutcome run(BuildRequest request, BuildEvents events) throws InterruptedException {
        Preparation p = prepare(request, events);
        if (p instanceof Preparation.Refused r) {
            return new BuildOutcome.Rejected(r.findings());
        }
        Preparation.Ready ready = (Preparation.Ready) p;
        ImageConfig config = ready.config();
        if (request.preflight()) {
            events.info("checking vCenter " + config.vcenterServer());
            PreflightReport report = vcenter.preflight(config, ready.secrets(), request.vsphereTls());
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted during the vCenter pre-flight");
            }
            report.findings().stream().filter(f -> f.severity() != Severity.INFO).forEach(events::finding);
            events.info(report.summary());
            if (!report.passed()) {
                return new BuildOutcome.Rejected(report.errors());
            }
            List<Finding> baseVm = vcenter.baseVm(config, report, ready.secrets(), request.vsphereTls());
            baseVm.forEach(events::finding);
            if (baseVm.stream().anyMatch(Finding::isError)) {
                return new BuildOutcome.Rejected(baseVm.stream().filter(Finding::isError).toList());
            }
        }
        List<PublishTarget> targets = request.publish() == null ? List.of()
                : request.publish().targets(config, ready.secrets(), request.vsphereTls());
        if (request.publish() != null) {
            List<Finding> refused = checkPublishTargets(request, config, targets, events);
            if (!refused.isEmpty()) {
                return new BuildOutcome.Rejected(refused);
            }
        }

        ContainerResult result;
        Instant runStart = Instant.now();
        // Closed in reverse order: the staged files, then the Yum repository, then the client it used.
        try (DockerClient docker = ready.airgap() == null ? null : EngineConnection.open(request.dockerHost());
             AirgapEnvironment airgap = docker == null ? null : ready.airgap().setUp(docker, new AirgapRelay(events));
             OutputStaging staged = ready.customization().stage(events::info)) {
            if (airgap != null) {
                airgap.stageKickstart(request.outputDir(), config.osVersion())
                        .ifPresent(k -> events.info("staged the bundle's kickstart as " + k));
            }
            result = engine.run(ready.spec(), new Relay(events));
        } catch (AirgapException e) {
            return new BuildOutcome.Failed(-1, oneLine(e, ready), new FailureHint(AIRGAP_FAILURE, oneLine(e, ready),
                    "see the air-gap steps above; nothing of the build was started", null), Phase.STARTING, Map.of());
        } catch (IOException e) {
            return engineFailure("the output folder could not be prepared: " + oneLine(e, ready));
        } catch (InterruptedException e) {
            // What the stopped build left in vCenter is reported (and removed when asked) before the stop ends.
            lookForBuildVm(request, ready, runStart, events);
            throw new InterruptedException("stopped while the builder ran; its container was stopped and removed");
        } catch (ContainerRunException e) {
            // reason and hint are one masked line each already
            return new BuildOutcome.Failed(-1, e.reason(), new FailureHint(ENGINE_FAILURE, e.reason(), e.hint(), null),
                    Phase.STARTING, Map.of());
        } catch (RuntimeException e) {
            // docker-java wraps transport failures (no socket, refused, TLS) in unchecked exceptions of its own
            return engineFailure("Cannot use the Docker engine at " + EngineConnection.describe(request.dockerHost())
                    + ": " + oneLine(e, ready));
        }
        if (result.timedOut()) {
            return new BuildOutcome.TimedOut(request.timeout(), phaseWhenStopped(result), result.phaseTimings(),
                    lookForBuildVm(request, ready, runStart, events));
        }
        if (!result.succeeded()) {
            return new BuildOutcome.Failed(result.exitCode(), "the builder container exited with code "
                    + result.exitCode(), result.hint().orElse(null), result.lastPhase(), result.phaseTimings(),
                    lookForBuildVm(request, ready, runStart, events));
        }

        TemplateMetadata.VcenterFacts facts = null;
        if (request.preflight()) {
            try {
                facts = vcenter.templateFacts(config, config.imageName(), ready.secrets(), request.vsphereTls())
                        .orElse(null);
            } catch (VsphereException e) {
                events.info("could not read the template's vCenter facts: " + e.getMessage());
            }
        }
        try {
            TemplateMetadata metadata = new MetadataCollector(OutputScanner.withDefaults(),
                    warning -> events.info("WARNING: " + warning)).collect(
                    request.outputDir(), config,
                    new TemplateMetadata.Builder(request.builderImage(), result.imageId(), result.imageDigest()),
                    result.started(), result.ended(), request.producer(), facts);
            Path file = MetadataJson.defaultFile(request.outputDir());
            MetadataJson.write(metadata, file);
            events.info("template metadata written to " + file);
            PublishResult published = null;
            if (request.publish() != null) {
                BuildPublication.Recorded recorded = publish(request, config, metadata, file, targets, events);
                published = recorded.result();
                metadata = recorded.metadata();
                events.info("publications recorded in " + file);
                if (recorded.provenance() != null) {
                    events.info("provenance written to " + recorded.provenance());
                }
            }
            return new BuildOutcome.Succeeded(metadata, file, result.phaseTimings(), published);
        } catch (OutputsException | IOException e) {
            return new BuildOutcome.Failed(0, "the build finished but its outputs are unusable: " + e.getMessage(),
                    null, result.lastPhase(), result.phaseTimings());
        }
    }

    /** Every publish target is checked before the container starts (login, inventory, space, name collisions). */
    private static List<Finding> checkPublishTargets(BuildRequest request, ImageConfig config,
                                                     List<PublishTarget> targets, BuildEvents events)
            throws InterruptedException {
        if (targets.isEmpty()) {
            Finding f = Finding.error(SourceLocation.of(config.source()), "publishing was asked for but there is no"
                    + " target: vcenter_server is empty and no other target was given", "give a target");
            events.finding(f);
            return List.of(f);
        }
        events.info("checking " + targets.size() + (targets.size() == 1 ? " publish target" : " publish targets"));
        BuildPublication.Checked checked = BuildPublication.check(request.publish().beforeBuild(config, targets,
                Instant.now(), request.producer(), VsphereTimeouts.DEFAULT).build());
        for (TargetCheck check : checked.checks()) {
            check.findings().stream().filter(f -> f.severity() != Severity.INFO).forEach(events::finding);
            events.info("[" + check.target() + "] " + (check.passed() ? "publish target check passed"
                    : "publish target check failed"));
        }
        return checked.errors();
    }

    /** Publishes the built template and records the publications in {@code metadataFile}, the provenance beside it. */
    private static BuildPublication.Recorded publish(BuildRequest request, ImageConfig config, TemplateMetadata metadata,
                                                     Path metadataFile, List<PublishTarget> targets, BuildEvents events)
            throws IOException, InterruptedException {
        events.info("publishing to " + targets.size() + (targets.size() == 1 ? " target" : " targets"));
        return BuildPublication.publishAndRecord(request.publish().afterBuild(metadata, request.outputDir(), config,
                targets, VsphereTimeouts.DEFAULT).build(), metadata, metadataFile, request.outputDir(), config,
                events::info);
    }

    /**
     * After a build that did not succeed: what it left in vCenter, reported to {@code events} (and removed when the
     * request asks). Null when vCenter cannot be asked (no server or password) or the question failed.
     */
    private BuildVmReport lookForBuildVm(BuildRequest request, Preparation.Ready ready, Instant runStart,
                                         BuildEvents events) {
        if (ready.config().vcenterServer().isBlank() || ready.secrets().vcenterPassword() == null) {
            return null;
        }
        boolean interrupted = Thread.interrupted();
        events.info("looking in vCenter " + ready.config().vcenterServer() + " for the VM the build left behind"
                + (request.removeBuildVm() ? " (to remove it)" : ""));
        try {
            BuildVmReport report = vcenter.buildVm(ready.config(), runStart, ready.secrets(), request.vsphereTls(),
                    request.removeBuildVm());
            report.lines().forEach(events::info);
            return report;
        } catch (VsphereException | RuntimeException e) {
            events.info("could not look for the build VM in vCenter: " + oneLine(e, ready));
            return null;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** How the config of {@code request} is validated; {@code plan} and {@code run} use the same. */
    public static ValidationOptions validationOptions(BuildRequest request) {
        return validationOptions(request.compatibility(), request.builderImage(), request.secrets());
    }

    /**
     * How a config is validated for a build with {@code builderImage} (its tag gives the builder version) and the
     * credentials {@code supplied} from outside the file; every command that validates uses this.
     */
    public static ValidationOptions validationOptions(CompatibilityMode compatibility, String builderImage,
                                                      BuildSecrets supplied) {
        String version = builderImage == null || ImageReference.problem(builderImage).isPresent() ? null
                : ImageReference.parse(builderImage).builderVersion().map(Object::toString).orElse(null);
        return new ValidationOptions(compatibility, version, supplied.suppliedKeys());
    }

    /** The container run this request asks for, with the rendered imageconfig holding the secrets. */
    static RunSpec runSpec(BuildRequest request, String builderImage, ImageConfig config, BuildSecrets effective) {
        RunSpec.Builder spec = RunSpec.builder(builderImage, request.outputDir(),
                        ImageConfigWriter.render(config, effective), config.imageName(), request.runId())
                .dockerHost(request.dockerHost())
                .timeout(request.timeout())
                .stopGrace(request.stopGrace())
                .heartbeatInterval(Defaults.HEARTBEAT)
                .secrets(maskingValues(request, config, effective))
                .imageArchive(request.imageArchive());
        if (request.isoPath() != null) {
            spec.iso(request.isoPath(), config.isoName());
        }
        if (effective.registry().hasUser() && effective.registry().hasPassword()) {
            spec.registryAuth(new RegistryAuth(ImageReference.parse(builderImage).registry(),
                    effective.registryUser(), effective.registryPassword()));
        }
        return spec.build();
    }

    /** Everything to mask in the build's log: the build's credentials and secret keys, and the publish targets'. */
    private static List<String> maskingValues(BuildRequest request, ImageConfig config, BuildSecrets effective) {
        List<String> values = new ArrayList<>(effective.maskingValues(config));
        if (request.publish() != null) {
            values.addAll(request.publish().secrets());
        }
        return values;
    }

    /** The phase the build was in when the timeout stopped it (the stop itself logs the failure's clean-up). */
    private static Phase phaseWhenStopped(ContainerResult result) {
        if (result.lastPhase() != Phase.FAILED) {
            return result.lastPhase();
        }
        Phase before = Phase.STARTING;
        for (Phase p : result.phaseTimings().keySet()) {
            if (p != Phase.FAILED) {
                before = p;
            }
        }
        return before;
    }

    private static BuildOutcome.Failed engineFailure(String reason) {
        return new BuildOutcome.Failed(-1, reason, new FailureHint(ENGINE_FAILURE, reason,
                "check that the Docker engine is running and that this user may use its socket (the docker group),"
                        + " or give the engine's address", null), Phase.STARTING, Map.of());
    }

    /** The exception's message on one line, masked: engine errors can quote requests. */
    private static String oneLine(Exception e, Preparation.Ready ready) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        Throwable cause = e.getCause();
        if (e.getMessage() != null && cause != null && cause.getMessage() != null
                && !message.contains(cause.getMessage())) {
            message = message + " (" + cause.getMessage() + ")";
        }
        String line = message.replaceAll("\\s*\\R\\s*", " ").strip();
        return SecretMasker.of(ready.spec().secrets()).mask(line);
    }

    /** Hands the runner's reports to the build's listener. */
    private record Relay(BuildEvents events) implements ContainerEvents {
        @Override
        public void logLine(String line) {
            events.logLine(line);
        }

        @Override
        public void progress(ProgressEvent event) {
            events.progress(event);
        }

        @Override
        public void info(String message) {
            events.info(message);
        }
    }

    /** For the plugin's second call after an abort; see {@link DockerBuilderEngine#removeContainersOf}. */
    public static int removeContainersOf(String dockerHost, String runId, Duration stopGrace)
            throws InterruptedException {
        return DockerBuilderEngine.removeContainersOf(dockerHost, runId, stopGrace);
    }
}
