package io.jenkins.plugins.capi.jenkins.step;

import io.jenkins.plugins.capi.jenkins.action.CapiImageAction;
import io.jenkins.plugins.capi.jenkins.report.BuildReport;
import io.jenkins.plugins.capi.jenkins.report.PublicationSummary;
import io.jenkins.plugins.capi.jenkins.report.TemplateSummary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code capiImageBuild} returns to the script: a plain map of strings, usable in the sandbox without
 * script approvals.
 */
final class StepResult {

    static final String TEMPLATE_NAME = "templateName";
    static final String TEMPLATE_INVENTORY_PATH = "templateInventoryPath";
    static final String OVA_FILE = "ovaFile";
    static final String OVA_SHA256 = "ovaSha256";
    static final String OS = "os";
    static final String KUBERNETES_VERSION = "kubernetesVersion";
    /** Workspace path of {@code template-metadata.json}: there whatever {@code archive} says. */
    static final String METADATA_FILE = "metadataFile";
    /** Path of {@code template-metadata.json} among the build's artifacts; null when it was not archived. */
    static final String METADATA_ARTIFACT = "metadataArtifact";
    /** True when every publish target was published, false when one failed (the build is UNSTABLE), null for none. */
    static final String PUBLISHED = "published";
    /** One map per publish target ({@link #publications}); empty when nothing was published. */
    static final String PUBLICATIONS = "publications";

    private StepResult() {}

    static Map<String, Object> toMap(CapiImageAction action) {
        BuildReport report = action.getReport();
        TemplateSummary t = report.getTemplate();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put(TEMPLATE_NAME, t.getTemplateName());
        result.put(TEMPLATE_INVENTORY_PATH, t.getTemplateInventoryPath());
        result.put(OVA_FILE, report.getOvaPath());
        result.put(OVA_SHA256, t.getOvaSha256());
        result.put(OS, t.getOs());
        result.put(KUBERNETES_VERSION, t.getKubernetesVersion());
        result.put(METADATA_FILE, report.getMetadataPath());
        result.put(METADATA_ARTIFACT, action.getMetadataArtifact());
        result.put(PUBLISHED, report.getPublished());
        result.put(PUBLICATIONS, publications(report.getPublications()));
        return result;
    }

    /**
     * Every publication as a map of {@code target}, {@code server}, {@code outcome}, {@code inventoryPath},
     * {@code managedObjectId}, {@code contentLibraryItemId}, {@code osImageOverride} and {@code message}. Also what
     * {@code capiImagePublish} returns.
     */
    static List<Map<String, Object>> publications(List<PublicationSummary> publications) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (PublicationSummary p : publications) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("target", p.getTarget());
            m.put("server", p.getServer());
            m.put("outcome", p.getOutcome());
            m.put("inventoryPath", p.getInventoryPath());
            m.put("managedObjectId", p.getManagedObjectId());
            m.put("contentLibraryItemId", p.getContentLibraryItemId());
            m.put("osImageOverride", p.getOsImageOverride());
            m.put("message", p.getMessage());
            list.add(m);
        }
        return list;
    }
}
