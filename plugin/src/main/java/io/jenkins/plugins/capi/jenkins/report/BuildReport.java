package io.jenkins.plugins.capi.jenkins.report;

import io.jenkins.plugins.capi.config.Finding;
import io.jenkins.plugins.capi.imagebuild.BuildOutcome;
import io.jenkins.plugins.capi.logs.FailureHint;
import io.jenkins.plugins.capi.logs.Phase;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * How one image build ended, in plain serialisable data: returned by the agent callable, kept by the build
 * action, exported over the REST API. Never holds a secret; texts from the log are masked.
 */
public final class BuildReport implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The kinds of {@link BuildOutcome}. */
    public enum Outcome {
        SUCCEEDED,
        REJECTED,
        FAILED,
        TIMED_OUT
    }

    private final Outcome outcome;
    private final String builderImage;
    private final TemplateSummary template;
    private final FailureSummary failure;
    // ArrayLists on purpose: they cross the agent channel (JEP-200) and are stored in build.xml (XStream).
    private final ArrayList<String> findings;
    private final ArrayList<PhaseTiming> phaseTimings;
    private final String metadataPath;
    private final String ovaPath;
    private final String ovaChecksumPath;
    private final ArrayList<PublicationSummary> publications;
    /** Whether every target was published; null when nothing was to be published. */
    private final Boolean published;
    /** The VM a build that did not succeed left in vCenter; null when vCenter was not asked. */
    private final BuildVmSummary buildVm;

    @SuppressWarnings("checkstyle:ParameterNumber")
    public BuildReport(
            Outcome outcome,
            String builderImage,
            TemplateSummary template,
            FailureSummary failure,
            List<String> findings,
            List<PhaseTiming> phaseTimings,
            String metadataPath,
            String ovaPath,
            String ovaChecksumPath) {
        this(
                outcome,
                builderImage,
                template,
                failure,
                findings,
                phaseTimings,
                metadataPath,
                ovaPath,
                ovaChecksumPath,
                null,
                null,
                null);
    }

    @SuppressWarnings("checkstyle:ParameterNumber")
    private BuildReport(
            Outcome outcome,
            String builderImage,
            TemplateSummary template,
            FailureSummary failure,
            List<String> findings,
            List<PhaseTiming> phaseTimings,
            String metadataPath,
            String ovaPath,
            String ovaChecksumPath,
            List<PublicationSummary> publications,
            Boolean published,
            BuildVmSummary buildVm) {
        this.outcome = outcome;
        this.builderImage = builderImage;
        this.template = template;
        this.failure = failure;
        this.findings = findings == null ? new ArrayList<>() : new ArrayList<>(findings);
        this.phaseTimings = phaseTimings == null ? new ArrayList<>() : new ArrayList<>(phaseTimings);
        this.metadataPath = metadataPath;
        this.ovaPath = ovaPath;
        this.ovaChecksumPath = ovaChecksumPath;
        this.publications = publications == null ? new ArrayList<>() : new ArrayList<>(publications);
        this.published = published;
        this.buildVm = buildVm;
    }

    /** This report with what publishing did, target by target; {@code succeeded} as core judges the whole. */
    public BuildReport withPublications(List<PublicationSummary> publications, boolean succeeded) {
        return with(publications, succeeded, buildVm);
    }

    /** This report with what the check for a left-behind build VM found; null when vCenter was not asked. */
    public BuildReport withBuildVm(BuildVmSummary vm) {
        return with(publications, published, vm);
    }

    private BuildReport with(List<PublicationSummary> publications, Boolean published, BuildVmSummary buildVm) {
        return new BuildReport(
                outcome,
                builderImage,
                template,
                failure,
                findings,
                phaseTimings,
                metadataPath,
                ovaPath,
                ovaChecksumPath,
                publications,
                published,
                buildVm);
    }

    /**
     * Converts core's outcome (agent side). Paths are workspace-relative with {@code /}.
     *
     * @param outputs the produced files, only for {@link BuildOutcome.Succeeded}
     */
    public static BuildReport of(BuildOutcome outcome, String builderImage, ProducedFiles outputs) {
        BuildReport report = base(outcome, builderImage, outputs);
        return switch (outcome) {
            case BuildOutcome.Succeeded s ->
                s.publication() == null
                        ? report
                        : report.withPublications(
                                PublicationSummary.of(s.publication().publications()),
                                s.publication().succeeded());
            case BuildOutcome.Failed f -> report.withBuildVm(BuildVmSummary.of(f.buildVm()));
            case BuildOutcome.TimedOut t -> report.withBuildVm(BuildVmSummary.of(t.buildVm()));
            case BuildOutcome.Rejected r -> report;
        };
    }

    private static BuildReport base(BuildOutcome outcome, String builderImage, ProducedFiles outputs) {
        List<PhaseTiming> timings = timings(outcome.phaseTimings());
        return switch (outcome) {
            case BuildOutcome.Succeeded s ->
                new BuildReport(
                        Outcome.SUCCEEDED,
                        builderImage,
                        TemplateSummary.of(s.metadata()),
                        null,
                        List.of(),
                        timings,
                        outputs.metadataPath(),
                        outputs.ovaPath(),
                        outputs.ovaChecksumPath());
            case BuildOutcome.Rejected r ->
                new BuildReport(
                        Outcome.REJECTED,
                        builderImage,
                        null,
                        FailureSummary.of(errorCount(r.findings())
                                + " problem(s) in the settings, the configuration, the ISO or vCenter; nothing was"
                                + " started"),
                        r.findings().stream().map(StepFindings::format).toList(),
                        timings,
                        null,
                        null,
                        null);
            case BuildOutcome.Failed f ->
                new BuildReport(
                        Outcome.FAILED,
                        builderImage,
                        null,
                        // a negative exit code: the container never ran (an engine failure)
                        failure(f.reason(), f.exitCode() < 0 ? null : f.exitCode(), f.lastPhase(), f.hint()),
                        List.of(),
                        timings,
                        null,
                        null,
                        null);
            case BuildOutcome.TimedOut t ->
                new BuildReport(
                        Outcome.TIMED_OUT,
                        builderImage,
                        null,
                        failure(
                                "timed out after " + t.timeout().toMinutes() + " minutes; the container was stopped "
                                        + "and removed",
                                null,
                                t.lastPhase(),
                                null),
                        List.of(),
                        timings,
                        null,
                        null,
                        null);
        };
    }

    /** A build that stopped on an exception core did not turn into an outcome (a bug): named by its type only. */
    public static BuildReport unexpected(String builderImage, RuntimeException e) {
        return new BuildReport(
                Outcome.FAILED,
                builderImage,
                null,
                FailureSummary.of("the image build stopped on an unexpected "
                        + e.getClass().getSimpleName() + "; the agent's log has the details"),
                List.of(),
                List.of(),
                null,
                null,
                null);
    }

    private static long errorCount(List<Finding> findings) {
        return findings.stream().filter(Finding::isError).count();
    }

    private static FailureSummary failure(String reason, Integer exitCode, Phase lastPhase, FailureHint hint) {
        return new FailureSummary(
                reason,
                exitCode,
                lastPhase == null ? null : lastPhase.name(),
                hint == null ? null : hint.category(),
                // core's engine failures repeat the reason as the hint's summary: show it once
                hint == null || hint.summary().equals(reason) ? null : hint.summary(),
                hint == null ? null : hint.hint(),
                hint == null ? null : hint.evidence());
    }

    private static List<PhaseTiming> timings(Map<Phase, Duration> timings) {
        List<PhaseTiming> list = new ArrayList<>();
        if (timings != null) {
            timings.forEach((phase, d) -> list.add(new PhaseTiming(phase.name(), phase.description(), d.toMillis())));
        }
        return list;
    }

    /** A copy with every free text passed through {@code mask} (the controller's second masking pass). */
    public BuildReport masked(UnaryOperator<String> mask) {
        return new BuildReport(
                outcome,
                builderImage,
                template,
                failure == null ? null : failure.masked(mask),
                findings.stream().map(mask).toList(),
                phaseTimings,
                metadataPath,
                ovaPath,
                ovaChecksumPath,
                publications.stream().map(p -> p.masked(mask)).toList(),
                published,
                buildVm == null ? null : buildVm.masked(mask));
    }

    public Outcome getOutcome() {
        return outcome;
    }

    public boolean isSucceeded() {
        return outcome == Outcome.SUCCEEDED;
    }

    public String getBuilderImage() {
        return builderImage;
    }

    /** Null unless the build succeeded. */
    public TemplateSummary getTemplate() {
        return template;
    }

    /** Null when the build succeeded. */
    public FailureSummary getFailure() {
        return failure;
    }

    public List<String> getFindings() {
        return Collections.unmodifiableList(findings);
    }

    public List<PhaseTiming> getPhaseTimings() {
        return Collections.unmodifiableList(phaseTimings);
    }

    /** Workspace-relative path of {@code template-metadata.json} (also its path among the build's artifacts). */
    public String getMetadataPath() {
        return metadataPath;
    }

    public String getOvaPath() {
        return ovaPath;
    }

    public String getOvaChecksumPath() {
        return ovaChecksumPath;
    }

    /** What publishing did, target by target, in the order of the targets; empty when nothing was published. */
    public List<PublicationSummary> getPublications() {
        return Collections.unmodifiableList(publications);
    }

    /** True when every target was published (or skipped), false when one failed, null when none was asked for. */
    public Boolean getPublished() {
        return published;
    }

    /** True when the build succeeded but publishing to at least one target failed. */
    public boolean isPublicationFailed() {
        return Boolean.FALSE.equals(published);
    }

    /** The VM a build that did not succeed left in vCenter, or null when vCenter was not asked. */
    public BuildVmSummary getBuildVm() {
        return buildVm;
    }

    /** Where the produced files are in the workspace, found on the agent. */
    public record ProducedFiles(String metadataPath, String ovaPath, String ovaChecksumPath) {
        public static final ProducedFiles NONE = new ProducedFiles(null, null, null);
    }
}
