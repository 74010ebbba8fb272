package io.jenkins.plugins.capi.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.capi.config.ImageConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetadataCollectorTest {

    static final String VCENTER_PASSWORD = "S3cr3t-Planted-vc-Pa55";
    static final String RHEL_PASSWORD = "Rh3l-Planted-Pa55word";

    @TempDir
    Path output;

    private final MetadataCollector collector = new MetadataCollector(OutputScanner.withDefaults());

    @BeforeEach
    void kibFolder() throws Exception {
        KibOutputFolder.write(output);
    }

    static ImageConfig rockyConfig(String folder) {
        Map<String, String> m = new HashMap<>();
        m.put("os_version", "rockylinux-8");
        m.put("image_type", "standard");
        m.put("image_name", "rocky-8");
        m.put("k8s_version", "1.30.4");
        m.put("cni_version", "1.3.0");
        m.put("containerd_version", "1.7.13");
        m.put("crictl_version", "1.28.0");
        m.put("vcenter_server", "vcenter.example.test");
        m.put("vcenter_user", "builder@vsphere.local");
        m.put("vcenter_password", VCENTER_PASSWORD);
        m.put("rhel_subscription_pass", RHEL_PASSWORD);
        m.put("vcenter_datacenter", "DC1");
        m.put("vcenter_folder", folder);
        return ImageConfig.of("imageconfig", m);
    }

    static TemplateMetadata collect(MetadataCollector collector, Path output, ImageConfig config) throws Exception {
        return collector.collect(output, config,
                new TemplateMetadata.Builder("us-docker.pkg.dev/palette-images/capi-builder:v4.6.24",
                        "sha256:" + "1".repeat(64), null),
                Instant.parse("2026-07-22T10:00:00Z"), Instant.parse("2026-07-22T10:48:30Z"),
                Map.of("tool", "capi-image-build 1.0.0", "jenkins.build", "images/rocky#12"),
                null);
    }

    @Test
    void whatTheScanWorkedAroundIsPassedOnAsAWarning() throws Exception {
        Path imageDir = output.resolve(KibOutputFolder.IMAGE);
        Files.copy(imageDir.resolve(KibOutputFolder.OVA), imageDir.resolve("rockylinux-8-kube-v1.29.0.ova"));
        java.util.List<String> warnings = new java.util.ArrayList<>();

        TemplateMetadata m = collect(new MetadataCollector(OutputScanner.withDefaults(), warnings::add), output,
                rockyConfig("templates"));

        assertThat(m.ova().fileName()).isEqualTo(KibOutputFolder.OVA);
        assertThat(warnings).singleElement().asString().contains("rockylinux-8-kube-v1.29.0.ova");
    }

    @Test
    void metadataTakesConfigManifestAndOutputs() throws Exception {
        TemplateMetadata m = collect(collector, output, rockyConfig("teamA/templates"));
        assertThat(m.schemaVersion()).isEqualTo(1);
        assertThat(m.imageName()).isEqualTo("rocky-8");
        assertThat(m.osVersion()).isEqualTo("rockylinux-8");
        assertThat(m.imageType()).isEqualTo("standard");
        assertThat(m.kubernetesVersion()).isEqualTo("1.30.4");
        assertThat(m.crictlVersion()).isEqualTo("1.28.0");
        assertThat(m.packer()).isEqualTo(new TemplateMetadata.Packer("rocky-8", "vsphere", "vsphere-iso",
                KibOutputFolder.LAST_RUN, 1784715999L));
        assertThat(m.vcenter().server()).isEqualTo("vcenter.example.test");
        assertThat(m.vcenter().templateInventoryPath()).isEqualTo("/DC1/vm/teamA/templates/rocky-8");
        assertThat(m.ova().fileName()).isEqualTo(KibOutputFolder.OVA);
        assertThat(m.files()).hasSize(7);
        assertThat(m.customData()).containsEntry("ib_version", "v0.1.49").containsEntry("build_type", "node");
        assertThat(m.buildStart()).isEqualTo(Instant.parse("2026-07-22T10:00:00Z"));
        assertThat(m.producer()).containsEntry("jenkins.build", "images/rocky#12");
    }

    @Test
    void withoutConfigValuesTheManifestFillsIn() throws Exception {
        TemplateMetadata m = collector.collect(output, ImageConfig.of("--image-name", Map.of("image_name", "rocky-8")),
                null, null, null, Map.of(), null);
        assertThat(m.osVersion()).isEqualTo("rockylinux-8");
        assertThat(m.kubernetesVersion()).isEqualTo("1.30.4");
        assertThat(m.cniVersion()).isEqualTo("1.3.0");
        assertThat(m.containerdVersion()).isEqualTo("1.7.13");
        assertThat(m.imageType()).isNull();
        assertThat(m.crictlVersion()).isNull();
        assertThat(m.vcenter()).isNull();
        assertThat(m.buildStart()).isEqualTo(Instant.ofEpochSecond(1784715072L));
        assertThat(m.buildEnd()).isEqualTo(Instant.ofEpochSecond(1784715999L));
    }

    @Test
    void inventoryPathNormalisesEmptyAndNestedFolders() {
        assertThat(MetadataCollector.templateInventoryPath("DC1", "", "rocky-8")).isEqualTo("/DC1/vm/rocky-8");
        assertThat(MetadataCollector.templateInventoryPath("DC1", null, "rocky-8")).isEqualTo("/DC1/vm/rocky-8");
        assertThat(MetadataCollector.templateInventoryPath("DC1", "/teamA//images/", "rocky-8"))
                .isEqualTo("/DC1/vm/teamA/images/rocky-8");
        assertThat(MetadataCollector.templateInventoryPath("/DC1/", "teamA", "rocky-8")).isEqualTo("/DC1/vm/teamA/rocky-8");
        assertThat(MetadataCollector.templateInventoryPath("", "teamA", "rocky-8")).isNull();
    }

    @Test
    void noCredentialEverReachesTheMetadata() throws Exception {
        String json = MetadataJson.toJson(collect(collector, output, rockyConfig("teamA")));
        assertThat(json).doesNotContain(VCENTER_PASSWORD).doesNotContain(RHEL_PASSWORD)
                .doesNotContain("builder@vsphere.local");
    }

    @Test
    void missingOutputsAreOutputsExceptions() throws Exception {
        Files.delete(output.resolve("rocky-8").resolve(KibOutputFolder.OVA));
        assertThatThrownBy(() -> collect(collector, output, rockyConfig("teamA")))
                .isInstanceOf(OutputsException.class).hasMessageContaining("no .ova file");
    }
}
