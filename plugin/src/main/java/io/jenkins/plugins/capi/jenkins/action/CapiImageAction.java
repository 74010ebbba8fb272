package io.jenkins.plugins.capi.jenkins.action;

import hudson.Util;
import hudson.model.Api;
import hudson.model.Run;
import io.jenkins.plugins.capi.jenkins.Messages;
import io.jenkins.plugins.capi.jenkins.report.BuildReport;
import io.jenkins.plugins.capi.jenkins.report.BuildVmSummary;
import io.jenkins.plugins.capi.jenkins.report.FailureSummary;
import io.jenkins.plugins.capi.jenkins.report.PhaseTiming;
import io.jenkins.plugins.capi.jenkins.report.PublicationSummary;
import io.jenkins.plugins.capi.jenkins.report.TemplateSummary;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import jenkins.model.RunAction2;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/**
 * One image build of a Jenkins build, on the build page ({@code summary.jelly}), at {@code <build>/capiImage/}
 * ({@code index.jelly}) and at {@code <build>/capiImage/api/json}. A build that runs several image builds (parallel
 * branches, matrix cells, several freestyle steps) has one action per build, the n-th at {@code capiImage-n}.
 * Holds only the {@link BuildReport}: no secrets, no core classes.
 */
@ExportedBean
public class CapiImageAction implements RunAction2 {

    public static final String URL_NAME = "capiImage";

    private final int index;
    private final String runId;
    private final BuildReport report;
    private final boolean metadataArchived;
    private final boolean imageArchived;
    private transient Run<?, ?> run;

    /**
     * @param index the image build's number within its Jenkins build, from 1
     * @param runId the container run id of this image build (its containers carry it as a label)
     */
    public CapiImageAction(
            int index, String runId, BuildReport report, boolean metadataArchived, boolean imageArchived) {
        this.index = index;
        this.runId = runId;
        this.report = report;
        this.metadataArchived = metadataArchived;
        this.imageArchived = imageArchived;
    }

    /**
     * Adds the action of one more image build to {@code run}: the first at {@value #URL_NAME}, the next ones
     * numbered. Parallel branches finish concurrently, so numbering and adding happen under the run's lock.
     */
    public static CapiImageAction attach(
            Run<?, ?> run, String runId, BuildReport report, boolean metadataArchived, boolean imageArchived) {
        return ActionIndex.attach(
                run,
                CapiImageAction.class,
                index -> new CapiImageAction(index, runId, report, metadataArchived, imageArchived));
    }

    @Override
    public String getIconFileName() {
        return "symbol-cube";
    }

    @Override
    public String getDisplayName() {
        return ActionIndex.displayName(Messages.CapiImageAction_DisplayName(), index);
    }

    /** {@code capiImage} for the first image build of the Jenkins build, {@code capiImage-2} and so on after it. */
    @Exported
    @Override
    public String getUrlName() {
        return ActionIndex.urlName(URL_NAME, index);
    }

    /** The container run id: {@code jenkins-<job>-<hash>-<build number>-<call>}, the containers' label value. */
    @Exported
    public String getRunId() {
        return runId;
    }

    @Override
    public void onAttached(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    public void onLoad(Run<?, ?> r) {
        this.run = r;
    }

    public Run<?, ?> getRun() {
        return run;
    }

    public BuildReport getReport() {
        return report;
    }

    public Api getApi() {
        return new Api(this);
    }

    /** {@code SUCCEEDED}, {@code REJECTED}, {@code FAILED} or {@code TIMED_OUT}. */
    @Exported
    public String getOutcome() {
        return report.getOutcome().name();
    }

    @Exported
    public String getBuilderImage() {
        return report.getBuilderImage();
    }

    @Exported(visibility = 2)
    public TemplateSummary getTemplate() {
        return report.getTemplate();
    }

    @Exported(visibility = 2)
    public FailureSummary getFailure() {
        return report.getFailure();
    }

    @Exported
    public List<String> getFindings() {
        return report.getFindings();
    }

    @Exported(visibility = 2)
    public List<PhaseTiming> getPhaseTimings() {
        return report.getPhaseTimings();
    }

    /** What publishing did in every target, in the order of the targets; empty when nothing was published. */
    @Exported(visibility = 2)
    public List<PublicationSummary> getPublications() {
        return report.getPublications();
    }

    /** True when every target was published, false when one failed (the build is UNSTABLE), null when none was asked. */
    @Exported
    public Boolean getPublished() {
        return report.getPublished();
    }

    /** What the check for the VM a build that did not succeed left in vCenter found and did; null when not asked. */
    @Exported(visibility = 2)
    public BuildVmSummary getBuildVm() {
        return report.getBuildVm();
    }

    /** Path of {@code template-metadata.json} among the build's artifacts, or null when it was not archived. */
    @Exported
    public String getMetadataArtifact() {
        return metadataArchived ? report.getMetadataPath() : null;
    }

    /** Path of the OVA among the build's artifacts, or null when it was not archived. */
    @Exported
    public String getOvaArtifact() {
        return imageArchived ? report.getOvaPath() : null;
    }

    /** {@link #getMetadataArtifact()} as a link below {@code <build>/artifact/}, each path segment URL-encoded. */
    public String getMetadataArtifactHref() {
        return href(getMetadataArtifact());
    }

    /** {@link #getOvaArtifact()} as a link below {@code <build>/artifact/}, each path segment URL-encoded. */
    public String getOvaArtifactHref() {
        return href(getOvaArtifact());
    }

    static String href(String relativePath) {
        if (relativePath == null) {
            return null;
        }
        return Arrays.stream(relativePath.split("/", -1)).map(Util::rawEncode).collect(Collectors.joining("/"));
    }

    /** Path of {@code template-metadata.json} in the agent workspace (it stays there after the build). */
    @Exported
    public String getMetadataWorkspacePath() {
        return report.getMetadataPath();
    }
}
