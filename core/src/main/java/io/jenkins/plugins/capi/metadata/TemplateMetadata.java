package io.jenkins.plugins.capi.metadata;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The one JSON document a build produces about the template it made ({@code docs/metadata.md},
 * {@code docs/metadata.schema.json}). Never holds a credential.
 */
public record TemplateMetadata(
        int schemaVersion,
        String imageName,
        String osVersion,
        String imageType,
        String kubernetesVersion,
        String cniVersion,
        String containerdVersion,
        String crictlVersion,
        Builder builder,
        Vcenter vcenter,
        Packer packer,
        Instant buildStart,
        Instant buildEnd,
        Ova ova,
        List<OutputFile> files,
        Map<String, String> customData,
        Map<String, String> producer) {

    public static final int SCHEMA_VERSION = 1;

    /** The builder container image: the reference used, its local image id and, when known, its registry digest. */
    public record Builder(String image, String imageId, String digest) {}

    /**
     * Where the template lives. {@code facts} is filled by the post-build vCenter lookup when it ran.
     */
    public record Vcenter(String server, String datacenter, String folder, String templateInventoryPath,
                          VcenterFacts facts) {}

    /** What vCenter says about the produced VM or template. */
    public record VcenterFacts(String managedObjectId, String inventoryPath, boolean template, String guestId,
                               int numCpu, long memoryMb, long diskCapacityBytes, Instant createDate,
                               boolean buildVmPresent) {}

    /** The packer manifest build that matched {@code last_run_uuid}. */
    public record Packer(String artifactId, String buildName, String builderType, String runUuid, Long buildTime) {}

    /** The OVA: its file name, SHA-256 and whether the {@code .ova.sha256} file matched a fresh hash. */
    public record Ova(String fileName, long sizeBytes, String sha256, boolean checksumFileVerified) {}

    /** One file of {@code <output>/<image_name>/}. */
    public record OutputFile(String name, long sizeBytes, String sha256) {}
}
