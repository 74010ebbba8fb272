package io.jenkins.plugins.capi.jenkins.step;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.jenkins.plugins.capi.jenkins.action.CapiImageAction;
import io.jenkins.plugins.capi.jenkins.report.BuildReport;
import io.jenkins.plugins.capi.jenkins.report.Reports;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StepResultTest {

    @Test
    void theMetadataArtifactIsNamedOnlyWhenItWasArchived() {
        BuildReport report = Reports.succeeded("rocky-8", "capi-output/template-metadata.json", null);
        Map<String, Object> notArchived = StepResult.toMap(new CapiImageAction(1, "run", report, false, false));
        assertNull(notArchived.get(StepResult.METADATA_ARTIFACT));
        assertEquals("capi-output/template-metadata.json", notArchived.get(StepResult.METADATA_FILE));
        Map<String, Object> archived = StepResult.toMap(new CapiImageAction(1, "run", report, true, false));
        assertEquals("capi-output/template-metadata.json", archived.get(StepResult.METADATA_ARTIFACT));
    }
}
