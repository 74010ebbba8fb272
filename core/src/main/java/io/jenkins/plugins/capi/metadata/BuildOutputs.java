package io.jenkins.plugins.capi.metadata;

import java.nio.file.Path;
import java.util.List;

/**
 * What one build left in {@code <output>/<image_name>/}, checked for consistency by {@link OutputScanner}.
 *
 * @param imageDir     the folder scanned
 * @param manifestFile its {@code packer-manifest.json}
 * @param build        the manifest entry of the last run
 * @param ova          the OVA, hashed, with whether its {@code .ova.sha256} file was present and matched
 * @param files        every file of the folder, sorted by name (the OVA included)
 * @param warnings     what the scan noticed but could work around (an earlier build's OVA left in the folder)
 */
public record BuildOutputs(
        Path imageDir,
        Path manifestFile,
        PackerManifest.Build build,
        TemplateMetadata.Ova ova,
        List<TemplateMetadata.OutputFile> files,
        List<String> warnings) {

    public BuildOutputs {
        files = List.copyOf(files);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }
}
