package io.jenkins.plugins.capi.jenkins.report;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * How one {@code capiImagePublish} ended, in plain serialisable data: returned by the agent callable, kept by the
 * build action. Never holds a secret; texts from vCenter are masked.
 */
public final class PublishReport implements Serializable {

    private static final long serialVersionUID = 1L;

    private final boolean rejected;
    private final boolean dryRun;
    // ArrayLists on purpose: they cross the agent channel (JEP-200) and are stored in build.xml (XStream).
    private final ArrayList<String> findings;
    private final ArrayList<PublicationSummary> publications;
    private final boolean succeeded;
    private final String metadataPath;

    private PublishReport(
            boolean rejected,
            boolean dryRun,
            List<String> findings,
            List<PublicationSummary> publications,
            boolean succeeded,
            String metadataPath) {
        this.rejected = rejected;
        this.dryRun = dryRun;
        this.findings = new ArrayList<>(findings);
        this.publications = new ArrayList<>(publications);
        this.succeeded = succeeded;
        this.metadataPath = metadataPath;
    }

    /** Nothing was published: the input or a target's check had errors (each one line, at its parameter). */
    public static PublishReport rejected(List<String> findings) {
        return new PublishReport(true, false, findings, List.of(), false, null);
    }

    /**
     * @param succeeded    core's verdict: no target failed
     * @param metadataPath the updated {@code template-metadata.json}, workspace-relative; null for a dry run
     */
    public static PublishReport published(
            List<PublicationSummary> publications, boolean succeeded, boolean dryRun, String metadataPath) {
        return new PublishReport(false, dryRun, List.of(), publications, succeeded, metadataPath);
    }

    /** A copy with every free text passed through {@code mask} (the controller's second masking pass). */
    public PublishReport masked(UnaryOperator<String> mask) {
        return new PublishReport(
                rejected,
                dryRun,
                findings.stream().map(mask).toList(),
                publications.stream().map(p -> p.masked(mask)).toList(),
                succeeded,
                metadataPath);
    }

    public boolean isRejected() {
        return rejected;
    }

    public boolean isDryRun() {
        return dryRun;
    }

    public List<String> getFindings() {
        return Collections.unmodifiableList(findings);
    }

    public List<PublicationSummary> getPublications() {
        return Collections.unmodifiableList(publications);
    }

    /** True when nothing was rejected and no target failed. */
    public boolean isSucceeded() {
        return !rejected && succeeded;
    }

    public String getMetadataPath() {
        return metadataPath;
    }
}
