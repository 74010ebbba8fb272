package io.jenkins.plugins.capi.jenkins.report;

import io.jenkins.plugins.capi.metadata.TemplateMetadata;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/**
 * What publishing did in one target, as the build page, the REST API and the step's result show it: our own copy of
 * core's {@link TemplateMetadata.Publication}, so no core record crosses the agent channel or lands in build.xml.
 */
@ExportedBean(defaultVisibility = 3)
public final class PublicationSummary implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Core's outcome of a target that failed. */
    static final String FAILED = "failed";

    private final String target;
    private final String server;
    private final String outcome;
    private final String inventoryPath;
    private final String managedObjectId;
    private final String source;
    private final String contentLibrary;
    private final String contentLibraryItemId;
    // ArrayLists on purpose: they cross the agent channel (JEP-200) and are stored in build.xml (XStream).
    private final ArrayList<String> tags;
    private final long bytesSent;
    private final long durationMillis;
    private final ArrayList<String> removedTemplates;
    private final String osImageOverride;
    private final String message;

    @SuppressWarnings("checkstyle:ParameterNumber")
    public PublicationSummary(
            String target,
            String server,
            String outcome,
            String inventoryPath,
            String managedObjectId,
            String source,
            String contentLibrary,
            String contentLibraryItemId,
            List<String> tags,
            long bytesSent,
            long durationMillis,
            List<String> removedTemplates,
            String osImageOverride,
            String message) {
        this.target = target;
        this.server = server;
        this.outcome = outcome;
        this.inventoryPath = inventoryPath;
        this.managedObjectId = managedObjectId;
        this.source = source;
        this.contentLibrary = contentLibrary;
        this.contentLibraryItemId = contentLibraryItemId;
        this.tags = tags == null ? new ArrayList<>() : new ArrayList<>(tags);
        this.bytesSent = bytesSent;
        this.durationMillis = durationMillis;
        this.removedTemplates = removedTemplates == null ? new ArrayList<>() : new ArrayList<>(removedTemplates);
        this.osImageOverride = osImageOverride;
        this.message = message;
    }

    /** Copies what we show from core's publication (agent side). */
    public static PublicationSummary of(TemplateMetadata.Publication p) {
        return new PublicationSummary(
                p.target(),
                p.server(),
                p.outcome(),
                p.inventoryPath(),
                p.managedObjectId(),
                p.source(),
                p.contentLibrary(),
                p.contentLibraryItemId(),
                p.tags(),
                p.bytesSent(),
                p.durationMillis(),
                p.removedTemplates(),
                p.palette() == null ? null : p.palette().osImageOverride(),
                p.message());
    }

    /** Every publication of core's list, in its order. */
    public static List<PublicationSummary> of(List<TemplateMetadata.Publication> publications) {
        return publications.stream().map(PublicationSummary::of).toList();
    }

    PublicationSummary masked(UnaryOperator<String> mask) {
        return new PublicationSummary(
                target,
                server,
                outcome,
                inventoryPath,
                managedObjectId,
                source,
                contentLibrary,
                contentLibraryItemId,
                tags,
                bytesSent,
                durationMillis,
                removedTemplates,
                osImageOverride,
                message == null ? null : mask.apply(message));
    }

    /** How the build names the target: the imageconfig's path, or {@code publish target N (server)}. */
    @Exported
    public String getTarget() {
        return target;
    }

    @Exported
    public String getServer() {
        return server;
    }

    /** Core's outcome: {@code published}, {@code replaced}, {@code skipped}, {@code dry-run} or {@code failed}. */
    @Exported
    public String getOutcome() {
        return outcome;
    }

    public boolean isFailed() {
        return FAILED.equals(outcome);
    }

    @Exported
    public String getInventoryPath() {
        return inventoryPath;
    }

    @Exported
    public String getManagedObjectId() {
        return managedObjectId;
    }

    /** What the template was made from: the OVA, or the VM the builder kept. */
    @Exported
    public String getSource() {
        return source;
    }

    @Exported
    public String getContentLibrary() {
        return contentLibrary;
    }

    @Exported
    public String getContentLibraryItemId() {
        return contentLibraryItemId;
    }

    @Exported
    public List<String> getTags() {
        return Collections.unmodifiableList(tags);
    }

    @Exported
    public long getBytesSent() {
        return bytesSent;
    }

    @Exported
    public long getDurationMillis() {
        return durationMillis;
    }

    /** Older templates of the image that {@code keep} deleted. */
    @Exported
    public List<String> getRemovedTemplates() {
        return Collections.unmodifiableList(removedTemplates);
    }

    /** The value for Palette's {@code osImageOverride}. */
    @Exported
    public String getOsImageOverride() {
        return osImageOverride;
    }

    /** Core's one line about this target (masked). */
    @Exported
    public String getMessage() {
        return message;
    }

    /** {@code [target] outcome: message}, as the log shows it. */
    public String toLine() {
        return "[" + target + "] " + outcome + ": " + message;
    }
}
