package io.jenkins.plugins.capi.jenkins.step;

import io.jenkins.plugins.capi.jenkins.action.CapiImageAction;
import io.jenkins.plugins.capi.jenkins.report.BuildReport;
import io.jenkins.plugins.capi.jenkins.report.TemplateSummary;
import java.util.LinkedHashMap;
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
        return result;
    }
}
