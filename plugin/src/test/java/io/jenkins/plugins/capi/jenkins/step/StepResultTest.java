package io.jenkins.plugins.capi.jenkins.step;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.jenkins.plugins.capi.jenkins.action.CapiImageAction;
import io.jenkins.plugins.capi.jenkins.report.BuildReport;
import io.jenkins.plugins.capi.jenkins.report.PublicationSummary;
import io.jenkins.plugins.capi.jenkins.report.Reports;
import java.util.List;
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

    /** The script gets every publication as a plain map, and whether all of them succeeded. */
    @Test
    void everyPublicationIsAPlainMapOfTheResult() {
        BuildReport report = Reports.succeeded("rocky-8", "capi-output/template-metadata.json", null)
                .withPublications(
                        List.of(new PublicationSummary(
                                "publish target 1 (dr.example.com)",
                                "dr.example.com",
                                "published",
                                "/DR/vm/templates/rocky-8",
                                "vm-12",
                                "ova",
                                null,
                                null,
                                List.of("capi-image-build:published"),
                                1024,
                                2000,
                                List.of(),
                                "/DR/vm/templates/rocky-8",
                                "published /DR/vm/templates/rocky-8")),
                        true);
        Map<String, Object> result = StepResult.toMap(new CapiImageAction(1, "run", report, false, false));
        assertEquals(Boolean.TRUE, result.get(StepResult.PUBLISHED));
        List<?> publications = (List<?>) result.get(StepResult.PUBLICATIONS);
        Map<?, ?> first = (Map<?, ?>) publications.get(0);
        assertEquals("/DR/vm/templates/rocky-8", first.get("inventoryPath"));
        assertEquals("vm-12", first.get("managedObjectId"));
        assertEquals("published", first.get("outcome"));
        assertEquals("/DR/vm/templates/rocky-8", first.get("osImageOverride"));
    }

    @Test
    void withoutAPublishBlockPublishedIsNullAndTheListEmpty() {
        Map<String, Object> result =
                StepResult.toMap(new CapiImageAction(1, "run", Reports.succeeded("rocky-8", null, null), false, false));
        assertNull(result.get(StepResult.PUBLISHED));
        assertEquals(List.of(), result.get(StepResult.PUBLICATIONS));
    }
}
