package io.jenkins.plugins.capi.testing;

import io.jenkins.plugins.capi.metadata.MetadataJson;
import io.jenkins.plugins.capi.metadata.TemplateMetadata;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An output folder as a finished Rocky 8 build leaves it, for tests that publish a build made earlier: the OVA (an
 * {@link OvaFixture} vCenter imports) in {@code <image_name>/} and {@code template-metadata.json} beside it.
 */
public final class FinishedBuild {

    /** The builder's VM name and the OVA's base name: the template name without a name pattern. */
    public static final String ARTIFACT = "rockylinux-8-kube-v1.30.4";

    private FinishedBuild() {}

    /** Writes the outputs of build {@code imageName} into {@code outputDir} (created when missing). */
    public static Path write(Path outputDir, String imageName, long diskBytes) throws IOException {
        Path images = Files.createDirectories(outputDir.resolve(imageName));
        Path ova = OvaFixture.write(images, ARTIFACT, diskBytes, true);
        TemplateMetadata m = new TemplateMetadata(TemplateMetadata.SCHEMA_VERSION, imageName, "rockylinux-8",
                "standard", "1.30.4", "1.3.0", "1.7.13", "1.28.0",
                new TemplateMetadata.Builder("example.com/capi-builder:v4.6.24", null, null),
                null, new TemplateMetadata.Packer(ARTIFACT, "vsphere", "vsphere-iso", "run-1", 1L),
                Instant.parse("2026-07-22T10:10:58Z"), Instant.parse("2026-07-22T11:00:31Z"),
                new TemplateMetadata.Ova(ova.getFileName().toString(), Files.size(ova), "33".repeat(32), true),
                List.of(), Map.of(), Map.of("tool", "test"));
        MetadataJson.write(m, MetadataJson.defaultFile(outputDir));
        return outputDir;
    }
}
