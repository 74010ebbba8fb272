package io.jenkins.plugins.capi.publish;

import io.jenkins.plugins.capi.config.ImageConfig;
import io.jenkins.plugins.capi.metadata.TemplateMetadata;
import io.jenkins.plugins.capi.secrets.BuildSecrets;
import io.jenkins.plugins.capi.vsphere.VsphereTimeouts;
import io.jenkins.plugins.capi.vsphere.VsphereTls;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a user asked a build (or a publish run) to do with its result, as every front end gives it: the name, what to
 * do with a template already there, how many to keep, a content library, and the targets beyond the imageconfig's
 * own vCenter. Turned into a {@link PublishRequest} before the build (to check every target first) and after it.
 *
 * @param toConfigVcenter also publish to the imageconfig's vCenter (the default target)
 * @param targetFiles     more vCenters, each written like an imageconfig ({@link PublishTarget#fromFile}): what a
 *                        file leaves out (user, password, CA file, library) is the imageconfig vCenter's
 * @param otherTargets    more vCenters, complete with their own credentials (e.g. from Jenkins credentials)
 * @param buildId         the build number or id for {@code {build}}; may be null
 */
public record PublishSettings(NamePattern name, OnExisting onExisting, int keep, String contentLibrary,
                              boolean toConfigVcenter, List<ImageConfig> targetFiles, List<PublishTarget> otherTargets,
                              String buildId) {

    public PublishSettings {
        name = name == null ? NamePattern.artifactId() : name;
        onExisting = onExisting == null ? OnExisting.FAIL : onExisting;
        if (keep < 0) {
            throw new IllegalArgumentException("keep must be 0 (keep all) or more, not " + keep);
        }
        targetFiles = targetFiles == null ? List.of() : List.copyOf(targetFiles);
        otherTargets = otherTargets == null ? List.of() : List.copyOf(otherTargets);
        contentLibrary = contentLibrary == null || contentLibrary.isBlank() ? null : contentLibrary.strip();
    }

    /** Every target: the imageconfig's vCenter (credentials already resolved, supplied ones first) and the others. */
    public List<PublishTarget> targets(ImageConfig config, BuildSecrets resolved, VsphereTls tls) {
        List<PublishTarget> all = new ArrayList<>();
        if (toConfigVcenter && !config.vcenterServer().isBlank()) {
            all.add(PublishTarget.of(config, resolved.vcenterUser(), resolved.vcenterPassword(), tls, contentLibrary));
        }
        for (ImageConfig file : targetFiles) {
            all.add(PublishTarget.fromFile(file, resolved.vcenterUser(), resolved.vcenterPassword(), tls, contentLibrary));
        }
        all.addAll(otherTargets);
        return all;
    }

    /** The passwords of the other targets (files and complete ones), for the build's masking. */
    public List<String> secrets() {
        List<String> values = new ArrayList<>();
        targetFiles.forEach(f -> f.value(io.jenkins.plugins.capi.config.ConfigKey.VCENTER_PASSWORD).ifPresent(values::add));
        otherTargets.stream().map(PublishTarget::password).filter(p -> p != null && !p.isEmpty()).forEach(values::add);
        return values;
    }

    /** Before the build: what would be published, for {@link Publisher#preflight} (name collisions, space, login). */
    public PublishRequest.Builder beforeBuild(ImageConfig config, List<PublishTarget> targets, Instant start,
                                              Map<String, String> producer, VsphereTimeouts timeouts) {
        return base(TemplateIdentity.of(config, buildId, start, producer), targets, timeouts);
    }

    /**
     * After the build: the OVA of {@code metadata} in {@code outputDir}, and the build VM the builder kept in the
     * imageconfig's vCenter when the metadata found one (targets on that vCenter clone it instead of uploading).
     */
    public PublishRequest.Builder afterBuild(TemplateMetadata metadata, Path outputDir, ImageConfig config,
                                             List<PublishTarget> targets, VsphereTimeouts timeouts) {
        Path ova = metadata.ova() == null || metadata.ova().fileName() == null ? null
                : outputDir.resolve(metadata.imageName()).resolve(metadata.ova().fileName());
        PublishRequest.BuildVm buildVm = null;
        TemplateMetadata.VcenterFacts facts = metadata.vcenter() == null ? null : metadata.vcenter().facts();
        if (facts != null && facts.buildVmPresent() && facts.inventoryPath() != null && !config.vcenterServer().isBlank()) {
            buildVm = new PublishRequest.BuildVm(config.vcenterServer().strip(), facts.inventoryPath(), false);
        }
        return base(TemplateIdentity.of(metadata, buildId), targets, timeouts).ova(ova).buildVm(buildVm);
    }

    private PublishRequest.Builder base(TemplateIdentity identity, List<PublishTarget> targets, VsphereTimeouts timeouts) {
        return PublishRequest.builder(identity).name(name).onExisting(onExisting).keep(keep).targets(targets)
                .timeouts(timeouts);
    }
}
