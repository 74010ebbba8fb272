package io.jenkins.plugins.capi.airgap;

import com.github.dockerjava.api.DockerClient;
import io.jenkins.plugins.capi.config.BuilderVersion;
import io.jenkins.plugins.capi.config.Finding;
import io.jenkins.plugins.capi.config.ImageConfig;
import io.jenkins.plugins.capi.config.ImageConfigValidator;
import io.jenkins.plugins.capi.config.SourceLocation;
import io.jenkins.plugins.capi.config.ValidationOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The first half of an air-gapped build: everything that can be known before anything is loaded, extracted or
 * started. {@link #prepare} reads the bundle once (writing nothing), validates the imageconfig with the builder
 * version the bundle holds, and checks the air-gap rules; {@link #findings()} has all of it at once.
 * {@link #plan()} says what {@link #setUp} would do; {@link #setUp} does it.
 */
public final class AirgapPreparation {

    private final AirgapRequest request;
    private final ImageConfig config;
    private final AirgapBundle bundle;
    private final List<Finding> findings;
    private final boolean builderLoaded;
    private final boolean yumLoaded;

    private AirgapPreparation(AirgapRequest request, ImageConfig config, AirgapBundle bundle, List<Finding> findings,
                              boolean builderLoaded, boolean yumLoaded) {
        this.request = request;
        this.config = config;
        this.bundle = bundle;
        this.findings = List.copyOf(findings);
        this.builderLoaded = builderLoaded;
        this.yumLoaded = yumLoaded;
    }

    /**
     * Reads the bundle and checks everything. The config is validated here ({@link ImageConfigValidator}, with the
     * bundle's builder version when {@code options} has none), so an air-gapped build takes these findings instead of
     * validating separately.
     *
     * @param config  the imageconfig as parsed and overridden (not yet validated)
     * @param options the caller's validation options; their builder version is the one the build is set up for
     * @param docker  the engine, to find images already loaded and ports already published; null to skip that
     * @throws InterruptedException when interrupted while reading the archive
     */
    public static AirgapPreparation prepare(AirgapRequest request, ImageConfig config, ValidationOptions options,
                                            DockerClient docker, AirgapEvents events) throws InterruptedException {
        AirgapEvents serial = SerialEvents.of(events);
        List<Finding> findings = new ArrayList<>();
        AirgapBundle bundle = null;
        try {
            bundle = AirgapBundle.inspect(request.source(), serial);
        } catch (AirgapException e) {
            findings.add(Finding.error(SourceLocation.of(request.source().toString()), e.getMessage(),
                    "give the vendor's capi-image-builder-<tag>.tgz, or the folder it was extracted into"));
        }
        BuilderVersion configured = options.parsedBuilderVersion().orElse(null);
        Optional<BuilderVersion> inBundle = bundle == null ? Optional.empty() : bundle.builderVersion();
        ValidationOptions effective = configured == null && inBundle.isPresent()
                ? new ValidationOptions(options.compatibility(), inBundle.get().toString(), options.suppliedKeys())
                : options;
        findings.addAll(ImageConfigValidator.validate(config, effective));
        findings.addAll(AirgapCheck.check(request, bundle, config, configured, docker));
        boolean builderLoaded = false;
        boolean yumLoaded = false;
        if (bundle != null && docker != null && request.imageLoading() == AirgapRequest.ImageLoading.IF_MISSING) {
            builderLoaded = bundle.builderTag().flatMap(t -> EngineImages.idOf(docker, VendorImages.builder(t)))
                    .isPresent();
            yumLoaded = bundle.yumImage().flatMap(t -> EngineImages.idOf(docker, VendorImages.yum(t.tag())))
                    .isPresent();
        }
        return new AirgapPreparation(request, config, bundle, findings, builderLoaded, yumLoaded);
    }

    /** Every finding: the validator's first, in file order, then the air-gap ones. */
    public List<Finding> findings() {
        return findings;
    }

    public boolean hasErrors() {
        return findings.stream().anyMatch(Finding::isError);
    }

    public List<Finding> errors() {
        return findings.stream().filter(Finding::isError).toList();
    }

    /** The bundle as read; empty when it could not be read (then {@link #findings()} says why). */
    public Optional<AirgapBundle> bundle() {
        return Optional.ofNullable(bundle);
    }

    public AirgapRequest request() {
        return request;
    }

    /** The builder version in the bundle, when its names carry one. */
    public Optional<BuilderVersion> builderVersion() {
        return bundle == null ? Optional.empty() : bundle.builderVersion();
    }

    /** The reference the builder container will run from: {@code localhost/capi-builder:<tag>}. */
    public Optional<String> builderImage() {
        return bundle == null ? Optional.empty() : bundle.builderTag().map(VendorImages::builder);
    }

    /** What {@link #setUp} would load, extract, copy, start and run, in order; touches nothing. */
    public List<PlannedStep> plan() {
        return AirgapPlan.of(this);
    }

    boolean builderAlreadyLoaded() {
        return builderLoaded;
    }

    boolean yumAlreadyLoaded() {
        return yumLoaded;
    }

    ImageConfig config() {
        return config;
    }

    /**
     * The second half: loads the images that are missing, extracts the bundle's small parts into the work folder,
     * copies the certificate, starts the Yum repository and waits for it, and runs the Kubernetes air-gap pack when
     * asked. Close the result when the build ends, whatever its outcome.
     *
     * @throws IllegalStateException when {@link #hasErrors()}
     * @throws AirgapException when a step fails; what was started is stopped and the work folder removed
     * @throws InterruptedException when interrupted; likewise cleaned up
     */
    public AirgapEnvironment setUp(DockerClient docker, AirgapEvents events) throws InterruptedException {
        if (hasErrors()) {
            throw new IllegalStateException("the air-gap preparation has errors: " + errors());
        }
        return AirgapEnvironment.setUp(this, docker, SerialEvents.of(events));
    }
}
