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
        Map<String, String> producer,
        List<Publication> publications) {

    /**
     * Unchanged by {@code publications}: properties are only added, never change meaning; documents written before
     * it are read with an empty list.
     */
    public static final int SCHEMA_VERSION = 1;

    public TemplateMetadata {
        publications = publications == null ? List.of() : List.copyOf(publications);
    }

    /** A document without publications (what a build writes before anything is published). */
    public TemplateMetadata(int schemaVersion, String imageName, String osVersion, String imageType,
                            String kubernetesVersion, String cniVersion, String containerdVersion,
                            String crictlVersion, Builder builder, Vcenter vcenter, Packer packer, Instant buildStart,
                            Instant buildEnd, Ova ova, List<OutputFile> files, Map<String, String> customData,
                            Map<String, String> producer) {
        this(schemaVersion, imageName, osVersion, imageType, kubernetesVersion, cniVersion, containerdVersion,
                crictlVersion, builder, vcenter, packer, buildStart, buildEnd, ova, files, customData, producer,
                List.of());
    }

    /** This document with {@code more} publications appended. */
    public TemplateMetadata withPublications(List<Publication> more) {
        List<Publication> all = new java.util.ArrayList<>(publications);
        all.addAll(more);
        return new TemplateMetadata(SCHEMA_VERSION, imageName, osVersion, imageType, kubernetesVersion, cniVersion,
                containerdVersion, crictlVersion, builder, vcenter, packer, buildStart, buildEnd, ova, files,
                customData, producer, all);
    }

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

    /**
     * One target of a publish run and how it went ({@code docs/publishing.md}).
     *
     * @param target            the target's label (the file it was described in, or the imageconfig)
     * @param outcome           {@code published}, {@code replaced}, {@code skipped}, {@code failed} or {@code dry-run}
     * @param inventoryPath     the template's path; for {@code skipped}, the existing one's
     * @param managedObjectId   the template's id, e.g. {@code vm-1234}
     * @param source            {@code ova} (imported) or {@code build-vm} (cloned or converted in vCenter)
     * @param contentLibraryItemId the OVF item in {@code contentLibrary}, when one was asked for
     * @param tags              {@code category:tag}, as attached
     * @param bytesSent         bytes uploaded to vCenter
     * @param durationMillis    wall time of this target
     * @param removedTemplates  older templates of the family deleted by {@code keep} (for {@code dry-run}: that
     *                          would be deleted)
     * @param message           what happened, in one line (the reason, for {@code failed})
     */
    public record Publication(String target, String server, String outcome, String inventoryPath,
                              String managedObjectId, String source, String contentLibrary,
                              String contentLibraryItemId, List<String> tags, long bytesSent, long durationMillis,
                              List<String> removedTemplates, Palette palette, String message) {
        public Publication {
            tags = tags == null ? List.of() : List.copyOf(tags);
            removedTemplates = removedTemplates == null ? List.of() : List.copyOf(removedTemplates);
        }
    }

    /**
     * The values Palette's BYOOS pack takes for this template; the Kubernetes pack's version must equal
     * {@code kubernetesPackVersion} ({@code k8s_version}).
     */
    public record Palette(String osImageOverride, String osName, String osVersion, String kubernetesPackVersion) {}
}
