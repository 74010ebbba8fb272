package io.jenkins.plugins.capi.jenkins.action;

import hudson.model.Api;
import hudson.model.Run;
import io.jenkins.plugins.capi.jenkins.Messages;
import io.jenkins.plugins.capi.jenkins.report.BuildReport;
import io.jenkins.plugins.capi.jenkins.report.FailureSummary;
import io.jenkins.plugins.capi.jenkins.report.PhaseTiming;
import io.jenkins.plugins.capi.jenkins.report.TemplateSummary;
import java.util.List;
import jenkins.model.RunAction2;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/**
 * The image build on the build page ({@code summary.jelly}), at {@code <build>/capiImage/} ({@code index.jelly}) and
 * at {@code <build>/capiImage/api/json}. Holds only the {@link BuildReport}: no secrets, no core classes.
 */
@ExportedBean
public class CapiImageAction implements RunAction2 {

    public static final String URL_NAME = "capiImage";

    private final BuildReport report;
    private final boolean metadataArchived;
    private final boolean imageArchived;
    private transient Run<?, ?> run;

    public CapiImageAction(BuildReport report, boolean metadataArchived, boolean imageArchived) {
        this.report = report;
        this.metadataArchived = metadataArchived;
        this.imageArchived = imageArchived;
    }

    @Override
    public String getIconFileName() {
        return "symbol-cube";
    }

    @Override
    public String getDisplayName() {
        return Messages.CapiImageAction_DisplayName();
    }

    @Override
    public String getUrlName() {
        return URL_NAME;
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

    /** Path of {@code template-metadata.json} in the agent workspace (it stays there after the build). */
    @Exported
    public String getMetadataWorkspacePath() {
        return report.getMetadataPath();
    }
}
