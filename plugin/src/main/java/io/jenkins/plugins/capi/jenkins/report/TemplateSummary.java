package io.jenkins.plugins.capi.jenkins.report;

import io.jenkins.plugins.capi.metadata.TemplateMetadata;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/**
 * What the build page and the REST API show about a produced template: our own copy of the parts of core's
 * {@link TemplateMetadata} people look at, so no core record crosses the agent channel or lands in build.xml.
 */
@ExportedBean(defaultVisibility = 3)
public final class TemplateSummary implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String templateName;
    private final String templateInventoryPath;
    private final String vcenterServer;
    private final String datacenter;
    private final String managedObjectId;
    private final String os;
    private final String imageType;
    private final String kubernetesVersion;
    private final String cniVersion;
    private final String containerdVersion;
    private final String crictlVersion;
    private final String builderImage;
    private final String builderImageDigest;
    private final String ovaFile;
    private final long ovaSizeBytes;
    private final String ovaSha256;
    private final boolean ovaChecksumVerified;
    // ArrayList on purpose: it crosses the agent channel (JEP-200) and is stored in build.xml (XStream).
    private final ArrayList<OutputFileSummary> files;
    private final String buildStart;
    private final String buildEnd;

    @SuppressWarnings("checkstyle:ParameterNumber")
    public TemplateSummary(
            String templateName,
            String templateInventoryPath,
            String vcenterServer,
            String datacenter,
            String managedObjectId,
            String os,
            String imageType,
            String kubernetesVersion,
            String cniVersion,
            String containerdVersion,
            String crictlVersion,
            String builderImage,
            String builderImageDigest,
            String ovaFile,
            long ovaSizeBytes,
            String ovaSha256,
            boolean ovaChecksumVerified,
            List<OutputFileSummary> files,
            String buildStart,
            String buildEnd) {
        this.templateName = templateName;
        this.templateInventoryPath = templateInventoryPath;
        this.vcenterServer = vcenterServer;
        this.datacenter = datacenter;
        this.managedObjectId = managedObjectId;
        this.os = os;
        this.imageType = imageType;
        this.kubernetesVersion = kubernetesVersion;
        this.cniVersion = cniVersion;
        this.containerdVersion = containerdVersion;
        this.crictlVersion = crictlVersion;
        this.builderImage = builderImage;
        this.builderImageDigest = builderImageDigest;
        this.ovaFile = ovaFile;
        this.ovaSizeBytes = ovaSizeBytes;
        this.ovaSha256 = ovaSha256;
        this.ovaChecksumVerified = ovaChecksumVerified;
        this.files = files == null ? new ArrayList<>() : new ArrayList<>(files);
        this.buildStart = buildStart;
        this.buildEnd = buildEnd;
    }

    /** Copies what we show from core's metadata; tolerates the optional parts being absent. */
    public static TemplateSummary of(TemplateMetadata m) {
        TemplateMetadata.Vcenter vc = m.vcenter();
        TemplateMetadata.VcenterFacts facts = vc == null ? null : vc.facts();
        TemplateMetadata.Builder builder = m.builder();
        TemplateMetadata.Ova ova = m.ova();
        List<OutputFileSummary> files = new ArrayList<>();
        if (m.files() != null) {
            m.files().forEach(f -> files.add(new OutputFileSummary(f.name(), f.sizeBytes(), f.sha256())));
        }
        String inventoryPath = facts != null && facts.inventoryPath() != null
                ? facts.inventoryPath()
                : vc == null ? null : vc.templateInventoryPath();
        return new TemplateSummary(
                m.imageName(),
                inventoryPath,
                vc == null ? null : vc.server(),
                vc == null ? null : vc.datacenter(),
                facts == null ? null : facts.managedObjectId(),
                m.osVersion(),
                m.imageType(),
                m.kubernetesVersion(),
                m.cniVersion(),
                m.containerdVersion(),
                m.crictlVersion(),
                builder == null ? null : builder.image(),
                builder == null ? null : builder.digest(),
                ova == null ? null : ova.fileName(),
                ova == null ? 0 : ova.sizeBytes(),
                ova == null ? null : ova.sha256(),
                ova != null && ova.checksumFileVerified(),
                files,
                m.buildStart() == null ? null : m.buildStart().toString(),
                m.buildEnd() == null ? null : m.buildEnd().toString());
    }

    @Exported
    public String getTemplateName() {
        return templateName;
    }

    @Exported
    public String getTemplateInventoryPath() {
        return templateInventoryPath;
    }

    @Exported
    public String getVcenterServer() {
        return vcenterServer;
    }

    @Exported
    public String getDatacenter() {
        return datacenter;
    }

    /** vCenter's managed object id of the template, when the post-build lookup ran. */
    @Exported
    public String getManagedObjectId() {
        return managedObjectId;
    }

    @Exported
    public String getOs() {
        return os;
    }

    @Exported
    public String getImageType() {
        return imageType;
    }

    @Exported
    public String getKubernetesVersion() {
        return kubernetesVersion;
    }

    @Exported
    public String getCniVersion() {
        return cniVersion;
    }

    @Exported
    public String getContainerdVersion() {
        return containerdVersion;
    }

    @Exported
    public String getCrictlVersion() {
        return crictlVersion;
    }

    @Exported
    public String getBuilderImage() {
        return builderImage;
    }

    @Exported
    public String getBuilderImageDigest() {
        return builderImageDigest;
    }

    @Exported
    public String getOvaFile() {
        return ovaFile;
    }

    @Exported
    public long getOvaSizeBytes() {
        return ovaSizeBytes;
    }

    @Exported
    public String getOvaSha256() {
        return ovaSha256;
    }

    /** Whether the builder's {@code .ova.sha256} matched a fresh hash of the OVA. */
    @Exported
    public boolean isOvaChecksumVerified() {
        return ovaChecksumVerified;
    }

    @Exported
    public List<OutputFileSummary> getFiles() {
        return Collections.unmodifiableList(files);
    }

    @Exported
    public String getBuildStart() {
        return buildStart;
    }

    @Exported
    public String getBuildEnd() {
        return buildEnd;
    }
}
