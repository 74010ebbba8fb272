package io.jenkins.plugins.capi.publish;

import io.jenkins.plugins.capi.config.ImageConfig;
import io.jenkins.plugins.capi.metadata.TemplateMetadata;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a published template is: the values its name pattern, its vSphere tags and its notes are made of. Holds
 * no credential (the producer map is what the caller puts there: job, build number, tool version).
 *
 * @param artifactId the VM name the builder used (Packer's {@code artifact_id}); the default template name
 * @param buildId    a build number or id for the {@code {build}} placeholder; may be null
 * @param builtAt    when the build ended; {@code {date}} is its UTC date
 */
public record TemplateIdentity(String imageName, String artifactId, String osVersion, String imageType,
                               String kubernetesVersion, String containerdVersion, String cniVersion,
                               String ovaSha256, String builderImage, String buildId, Instant builtAt,
                               Map<String, String> producer) {

    public TemplateIdentity {
        producer = producer == null ? Map.of() : Map.copyOf(new LinkedHashMap<>(producer));
    }

    /**
     * Before the build, from its image config (for the pre-flight's name check): the artifact id is taken to be
     * {@code image_name}, the VM name the builder uses.
     */
    public static TemplateIdentity of(ImageConfig c, String buildId, Instant at, Map<String, String> producer) {
        String k8s = c.k8sVersion().strip();
        return new TemplateIdentity(c.imageName().strip(), c.imageName().strip(), blankToNull(c.osVersion()),
                blankToNull(c.imageType()), blankToNull(k8s.startsWith("v") ? k8s.substring(1) : k8s),
                blankToNull(c.containerdVersion()), blankToNull(c.cniVersion()), null, null, buildId, at, producer);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** From the metadata of a finished build; {@code buildId} may be null. */
    public static TemplateIdentity of(TemplateMetadata m, String buildId) {
        String builder = m.builder() == null ? null
                : m.builder().digest() != null ? m.builder().digest() : m.builder().image();
        String artifact = m.packer() != null && m.packer().artifactId() != null ? m.packer().artifactId() : m.imageName();
        return new TemplateIdentity(m.imageName(), artifact, m.osVersion(), m.imageType(), m.kubernetesVersion(),
                m.containerdVersion(), m.cniVersion(), m.ova() == null ? null : m.ova().sha256(), builder, buildId,
                m.buildEnd() != null ? m.buildEnd() : m.buildStart(), m.producer());
    }
}
