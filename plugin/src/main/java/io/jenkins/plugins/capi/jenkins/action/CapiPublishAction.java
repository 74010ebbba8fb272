package io.jenkins.plugins.capi.jenkins.action;

import hudson.model.Api;
import hudson.model.Run;
import io.jenkins.plugins.capi.jenkins.Messages;
import io.jenkins.plugins.capi.jenkins.report.PublicationSummary;
import io.jenkins.plugins.capi.jenkins.report.PublishReport;
import java.util.List;
import jenkins.model.RunAction2;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/**
 * One {@code capiImagePublish} of a Jenkins build, on the build page ({@code summary.jelly}), at
 * {@code <build>/capiPublish/} and at {@code <build>/capiPublish/api/json}; the n-th call at {@code capiPublish-n}.
 * Holds only the {@link PublishReport}: no secrets, no core classes.
 */
@ExportedBean
public class CapiPublishAction implements RunAction2 {

    public static final String URL_NAME = "capiPublish";

    private final int index;
    private final String outputDir;
    private final PublishReport report;
    private transient Run<?, ?> run;

    /** @param outputDir the workspace-relative output folder that was published from */
    public CapiPublishAction(int index, String outputDir, PublishReport report) {
        this.index = index;
        this.outputDir = outputDir;
        this.report = report;
    }

    /** Adds one more publication action to {@code run}, numbered like {@link CapiImageAction}s. */
    public static CapiPublishAction attach(Run<?, ?> run, String outputDir, PublishReport report) {
        return ActionIndex.attach(
                run, CapiPublishAction.class, index -> new CapiPublishAction(index, outputDir, report));
    }

    @Override
    public String getIconFileName() {
        return "symbol-cube";
    }

    @Override
    public String getDisplayName() {
        return ActionIndex.displayName(Messages.CapiPublishAction_DisplayName(), index);
    }

    @Exported
    @Override
    public String getUrlName() {
        return ActionIndex.urlName(URL_NAME, index);
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

    public Api getApi() {
        return new Api(this);
    }

    public PublishReport getReport() {
        return report;
    }

    /** The output folder published from, workspace-relative. */
    @Exported
    public String getOutputDir() {
        return outputDir;
    }

    /** {@code PUBLISHED} (every target), {@code PARTLY_FAILED} (the build is UNSTABLE) or {@code REJECTED}. */
    @Exported
    public String getOutcome() {
        if (report.isRejected()) {
            return "REJECTED";
        }
        return report.isSucceeded() ? "PUBLISHED" : "PARTLY_FAILED";
    }

    @Exported
    public boolean isDryRun() {
        return report.isDryRun();
    }

    @Exported(visibility = 2)
    public List<PublicationSummary> getPublications() {
        return report.getPublications();
    }

    /** Why nothing was published: the input's or the targets' errors. */
    @Exported
    public List<String> getFindings() {
        return report.getFindings();
    }

    /** The metadata the publications were recorded in, workspace-relative; null for a dry run or a rejection. */
    @Exported
    public String getMetadataWorkspacePath() {
        return report.getMetadataPath();
    }
}
