package io.jenkins.plugins.capi.vsphere;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.capi.config.ImageConfig;
import io.jenkins.plugins.capi.metadata.TemplateMetadata.VcenterFacts;
import io.jenkins.plugins.capi.testing.Vcsim;
import io.jenkins.plugins.capi.vsphere.VsphereTls;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The post-build lookup of the produced template, against vcsim with the template created through its API. */
@ExtendWith(Vcsim.Available.class)
class TemplateFactsTest {

    private static final VsphereTimeouts TIMEOUTS = new VsphereTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10));

    private static Optional<VcenterFacts> lookup(Vcsim sim, Map<String, String> values, String artifactId)
            throws VsphereException {
        return TemplateFacts.lookup(ImageConfig.of("imageconfig", values), artifactId, Vcsim.USER, Vcsim.PASSWORD,
                new VsphereTls(sim.caFile(), false), TIMEOUTS);
    }

    private static Map<String, String> config(Vcsim sim, String folder) {
        return Map.of("vcenter_server", sim.server(), "vcenter_datacenter", "DC0", "vcenter_folder", folder,
                "image_name", "rhel-8-kube-v1.30.4");
    }

    @Test
    void aTemplateMadeByTheBuildIsDescribed() throws Exception {
        Instant before = Instant.now().minusSeconds(5);
        try (Vcsim sim = Vcsim.start("-template", "Templates/rhel-8-kube-v1.30.4")) {
            VcenterFacts facts = lookup(sim, config(sim, "Templates"), null).orElseThrow();

            assertThat(facts.inventoryPath()).isEqualTo("/DC0/vm/Templates/rhel-8-kube-v1.30.4");
            assertThat(facts.managedObjectId()).startsWith("vm-");
            assertThat(facts.template()).isTrue();
            assertThat(facts.guestId()).isEqualTo("rhel8_64Guest");
            assertThat(facts.numCpu()).isEqualTo(2);
            assertThat(facts.memoryMb()).isEqualTo(4096);
            assertThat(facts.diskCapacityBytes()).isEqualTo(20L * 1024 * 1024 * 1024);
            assertThat(facts.createDate()).isAfter(before).isBefore(Instant.now().plusSeconds(5));
            assertThat(facts.buildVmPresent()).isFalse();
        }
    }

    @Test
    void theArtifactIdWinsOverTheImageName() throws Exception {
        try (Vcsim sim = Vcsim.start("-template", "Templates/rhel-8-kube-v1.30.4-custom")) {
            assertThat(lookup(sim, config(sim, "Templates"), "rhel-8-kube-v1.30.4-custom")).isPresent();
            assertThat(lookup(sim, config(sim, "Templates"), "")).isEmpty();
            assertThat(TemplateFacts.lookup(ImageConfig.of("imageconfig", config(sim, "Templates")),
                    "rhel-8-kube-v1.30.4-custom", io.jenkins.plugins.capi.secrets.BuildSecrets.vcenter(Vcsim.USER, Vcsim.PASSWORD),
                    new VsphereTls(sim.caFile(), false))).isPresent();
        }
    }

    @Test
    void aBuildVmLeftAsAPlainVmIsReportedAsPresent() throws Exception {
        try (Vcsim sim = Vcsim.start("-vm", "Templates/rhel-8-kube-v1.30.4")) {
            VcenterFacts facts = lookup(sim, config(sim, "Templates"), null).orElseThrow();
            assertThat(facts.template()).isFalse();
            assertThat(facts.buildVmPresent()).isTrue();
        }
    }

    @Test
    void nothingInTheFolderIsEmptyAndAnEmptyFolderSearchesTheDatacenter() throws Exception {
        try (Vcsim sim = Vcsim.start("-template", "Elsewhere/rhel-8-kube-v1.30.4")) {
            assertThat(lookup(sim, config(sim, "Templates"), null)).isEmpty();
            assertThat(lookup(sim, config(sim, ""), null)).get()
                    .extracting(VcenterFacts::inventoryPath).isEqualTo("/DC0/vm/Elsewhere/rhel-8-kube-v1.30.4");
        }
    }

    @Test
    void aWrongPasswordThrowsWithoutTheSecret() throws Exception {
        try (Vcsim sim = Vcsim.startWithPassword("another")) {
            assertThatThrownBy(() -> lookup(sim, config(sim, "Templates"), null))
                    .isInstanceOfSatisfying(VsphereException.class, e -> {
                        assertThat(e.isFault("InvalidLogin")).isTrue();
                        assertThat(e.getMessage()).doesNotContain(Vcsim.PASSWORD);
                    });
        }
    }
}
