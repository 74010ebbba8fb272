package io.jenkins.plugins.capi.metadata;

import io.jenkins.plugins.capi.config.ImageConfig;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Builds the {@link TemplateMetadata} of a finished build from its outputs, its image config and what the runner
 * knows (builder image, start and end, producer, vCenter facts).
 *
 * <p>Values come from the image config first; when the config does not have them (for example the
 * {@code metadata} command, which has no config) they come from the manifest's {@code custom_data}:
 * {@code build_name} for the OS, {@code kubernetes_semver}, {@code kubernetes_cni_semver} and
 * {@code containerd_version} for the versions (without a leading {@code v}, as the config writes them), and
 * {@code build_timestamp}/{@code build_date} and {@code build_time} for the start and end.
 *
 * <p>The vCenter user and password, and every other secret key of the config, are never read.
 */
public final class MetadataCollector {

    private final OutputScanner scanner;
    private final Consumer<String> warnings;

    /** For callers that want the document only: what the scan warns about is not reported. */
    public MetadataCollector(OutputScanner scanner) {
        this(scanner, w -> { });
    }

    /** @param warnings told what the scan noticed and worked around (an earlier build's OVA left in the folder) */
    public MetadataCollector(OutputScanner scanner, Consumer<String> warnings) {
        this.scanner = scanner;
        this.warnings = warnings;
    }

    /**
     * @param outputDir  the build's output folder (the one mounted at {@code /home/imagebuilder/output})
     * @param config     the image config of the build ({@code image_name} is required)
     * @param builder    the builder image reference, id and digest; {@code null} when unknown
     * @param buildStart when the build started; {@code null} to take it from the manifest
     * @param buildEnd   when the build ended; {@code null} to take it from the manifest
     * @param producer   who ran the build (tool version, Jenkins job, build URL …); copied as is
     * @param facts      what vCenter said about the template, or {@code null}
     * @throws OutputsException when the manifest or the OVA is missing, or the OVA's checksum does not match
     */
    public TemplateMetadata collect(Path outputDir, ImageConfig config, TemplateMetadata.Builder builder,
                                    Instant buildStart, Instant buildEnd, Map<String, String> producer,
                                    TemplateMetadata.VcenterFacts facts) throws OutputsException {
        BuildOutputs outputs = scanner.scan(outputDir, config.imageName());
        outputs.warnings().forEach(warnings);
        PackerManifest.Build build = outputs.build();

        TemplateMetadata.Packer packer = new TemplateMetadata.Packer(build.artifactId(), build.name(),
                build.builderType(), build.packerRunUuid(), build.buildTime());
        Instant start = buildStart != null ? buildStart : startFromManifest(build);
        Instant end = buildEnd != null ? buildEnd
                : build.buildTime() == null ? null : Instant.ofEpochSecond(build.buildTime());

        return new TemplateMetadata(
                TemplateMetadata.SCHEMA_VERSION,
                config.imageName(),
                orElse(config.osVersion(), build.custom("build_name")),
                nullIfEmpty(config.imageType()),
                orElse(config.k8sVersion(), withoutV(build.custom("kubernetes_semver"))),
                orElse(config.cniVersion(), withoutV(build.custom("kubernetes_cni_semver"))),
                orElse(config.containerdVersion(), withoutV(build.custom("containerd_version"))),
                nullIfEmpty(config.crictlVersion()),
                builder,
                vcenter(config, build.artifactId(), facts),
                packer,
                start,
                end,
                outputs.ova(),
                outputs.files(),
                new TreeMap<>(build.customData()),
                producer == null ? Map.of() : new LinkedHashMap<>(producer));
    }

    /**
     * {@code /<datacenter>/vm/<folder>/<name>}, the path govc and the vSphere API use; {@code folder} may be empty
     * or nested ({@code a/b}) and stray slashes are dropped. {@code null} when the datacenter or name is unknown.
     */
    public static String templateInventoryPath(String datacenter, String folder, String name) {
        if (isBlank(datacenter) || isBlank(name)) {
            return null;
        }
        String path = Arrays.stream(("/" + datacenter + "/vm/" + (folder == null ? "" : folder) + "/" + name).split("/"))
                .filter(s -> !s.isEmpty())
                .collect(Collectors.joining("/"));
        return "/" + path;
    }

    private static TemplateMetadata.Vcenter vcenter(ImageConfig config, String artifactId,
                                                    TemplateMetadata.VcenterFacts facts) {
        String server = nullIfEmpty(config.vcenterServer());
        String datacenter = nullIfEmpty(config.vcenterDatacenter());
        String folder = nullIfEmpty(config.vcenterFolder());
        if (server == null && datacenter == null && folder == null && facts == null) {
            return null;
        }
        String name = artifactId != null ? artifactId : config.imageName();
        return new TemplateMetadata.Vcenter(server, datacenter, folder,
                templateInventoryPath(datacenter, folder, name), facts);
    }

    private static Instant startFromManifest(PackerManifest.Build build) {
        String timestamp = build.custom("build_timestamp");
        if (timestamp != null) {
            try {
                return Instant.ofEpochSecond(Long.parseLong(timestamp.strip()));
            } catch (NumberFormatException e) {
                // a user-overridden build_timestamp need not be a number; try build_date
            }
        }
        String date = build.custom("build_date");
        if (date != null) {
            try {
                return Instant.parse(date.strip());
            } catch (DateTimeException e) {
                return null;
            }
        }
        return null;
    }

    private static String withoutV(String version) {
        return version != null && version.startsWith("v") ? version.substring(1) : version;
    }

    private static String orElse(String configValue, String fallback) {
        return configValue == null || configValue.isEmpty() ? fallback : configValue;
    }

    private static String nullIfEmpty(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
