package io.jenkins.plugins.capi.vsphere;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.capi.testing.Vcsim;
import io.jenkins.plugins.capi.vsphere.VsphereTls;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The SOAP client itself, against real vcsim processes. */
@ExtendWith(Vcsim.Available.class)
class VimClientTest {

    private static final VsphereTimeouts TIMEOUTS = new VsphereTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10));

    private static VimClient connect(Vcsim sim) throws VsphereException {
        return VimClient.connect(sim.server(), new VsphereTls(sim.caFile(), false), TIMEOUTS);
    }

    @Test
    void readsWhatTheServerIsBeforeLogin() throws Exception {
        try (Vcsim sim = Vcsim.start(); VimClient client = connect(sim)) {
            VcenterAbout about = client.about();
            assertThat(about.isVcenter()).isTrue();
            assertThat(about.apiVersion()).matches("[0-9.]+");
            assertThat(client.serviceContent().rootFolder().type()).isEqualTo("Folder");
            assertThat(client.serviceContent().searchIndex()).isNotNull();
        }
    }

    @Test
    void callsBeforeLoginFailWithNotAuthenticated() throws Exception {
        try (Vcsim sim = Vcsim.start(); VimClient client = connect(sim)) {
            assertThatThrownBy(() -> client.findByInventoryPath("/DC0"))
                    .isInstanceOfSatisfying(VsphereException.class, e -> {
                        assertThat(e.kind()).isEqualTo(VsphereException.Kind.FAULT);
                        assertThat(e.faultName()).isEqualTo("NotAuthenticated");
                        assertThat(e.getMessage()).contains(sim.server(), "FindByInventoryPath");
                    });
        }
    }

    @Test
    void aPasswordWithXmlSpecialCharactersLogsIn() throws Exception {
        // Vcsim.PASSWORD holds < & > ' " %: unescaped, the envelope would break or the login would fail.
        try (Vcsim sim = Vcsim.start(); VimClient client = connect(sim)) {
            client.login(Vcsim.USER, Vcsim.PASSWORD);
            assertThat(client.findByInventoryPath("/DC0")).contains(new MoRef("Datacenter", client
                    .findByInventoryPath("/DC0").orElseThrow().value()));
        }
    }

    @Test
    void aWrongPasswordIsInvalidLoginAndTheMessageHoldsNoPassword() throws Exception {
        String tried = "Wr0ng<&>pass";
        try (Vcsim sim = Vcsim.start(); VimClient client = connect(sim)) {
            assertThatThrownBy(() -> client.login(Vcsim.USER, tried))
                    .isInstanceOfSatisfying(VsphereException.class, e -> {
                        assertThat(e.isFault("InvalidLogin")).isTrue();
                        assertThat(e.getMessage()).contains(sim.server(), "'jenkins'")
                                .doesNotContain(tried).doesNotContain(Vcsim.PASSWORD);
                    });
        }
    }

    @Test
    void notFoundIsEmptyAndFoundCarriesTheType() throws Exception {
        try (Vcsim sim = Vcsim.start(); VimClient client = connect(sim)) {
            client.login(Vcsim.USER, Vcsim.PASSWORD);
            assertThat(client.findByInventoryPath("/DC0/host/DC0_C0").orElseThrow().type())
                    .isEqualTo("ClusterComputeResource");
            assertThat(client.findByInventoryPath("/DC0/host/DC0_H0").orElseThrow().type()).isEqualTo("ComputeResource");
            assertThat(client.findByInventoryPath("/DC0/network/DVS0").orElseThrow().type())
                    .isEqualTo("DistributedVirtualSwitch");
            assertThat(client.findByInventoryPath("/DC0/vm/")).isPresent();
            assertThat(client.findByInventoryPath("/NoSuchDC")).isEmpty();
            assertThat(client.findByInventoryPath("/dc0")).isEmpty();
        }
    }

    @Test
    void pagedRetrievalReturnsEveryObjectWhateverThePageSize() throws Exception {
        try (Vcsim sim = Vcsim.start("-vm", "A/a1", "-vm", "A/a2", "-template", "B/b1"); VimClient client = connect(sim)) {
            client.login(Vcsim.USER, Vcsim.PASSWORD);
            MoRef root = client.serviceContent().rootFolder();
            List<String> onePage = client.findAll(root, List.of("VirtualMachine"), List.of("name")).stream()
                    .map(ObjectContent::name).sorted().toList();
            assertThat(client.continuations()).isZero();
            client.pageSize(1);
            List<String> pageOfOne = client.findAll(root, List.of("VirtualMachine"), List.of("name")).stream()
                    .map(ObjectContent::name).sorted().toList();
            client.pageSize(2);
            List<ObjectContent> direct = client.retrieve(
                    client.findAll(root, List.of("VirtualMachine"), List.of("name")).stream().map(ObjectContent::ref).toList(),
                    List.of("name", "config.template"));

            assertThat(onePage).contains("a1", "a2", "b1", "DC0_H0_VM0", "DC0_C0_RP0_VM1").hasSize(7);
            assertThat(pageOfOne).isEqualTo(onePage);
            assertThat(client.continuations()).as("pages after the first").isGreaterThanOrEqualTo(6);
            assertThat(direct).hasSize(7);
            assertThat(direct.stream().filter(o -> o.bool("config.template")).map(ObjectContent::name)).containsExactly("b1");
        }
    }

    @Test
    void unreadablePropertiesAreListedAsMissingWithTheirFault() throws Exception {
        // vcsim answers with a missingSet (a real vCenter may fault the whole call instead; TemplateFacts handles both).
        try (Vcsim sim = Vcsim.start(); VimClient client = connect(sim)) {
            client.login(Vcsim.USER, Vcsim.PASSWORD);
            MoRef dc = client.findByInventoryPath("/DC0").orElseThrow();
            ObjectContent o = client.retrieveOne(dc, List.of("name", "noSuchProperty"));
            assertThat(o.name()).isEqualTo("DC0");
            assertThat(o.missing()).containsEntry("noSuchProperty", "InvalidProperty");
            assertThat(o.text("noSuchProperty")).isEmpty();
        }
    }

    @Test
    void closeLogsTheSessionOut() throws Exception {
        try (Vcsim sim = Vcsim.start()) {
            VimClient client = connect(sim);
            client.login(Vcsim.USER, Vcsim.PASSWORD);
            assertThat(client.findByInventoryPath("/DC0")).isPresent();
            client.close();
            assertThatThrownBy(() -> client.findByInventoryPath("/DC0"))
                    .isInstanceOfSatisfying(VsphereException.class, e -> assertThat(e.faultName()).isEqualTo("NotAuthenticated"));
        }
    }

    @Test
    void aBadCaFileIsInvalidInput(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path notPem = java.nio.file.Files.writeString(dir.resolve("ca.pem"), "not a certificate");
        assertThatThrownBy(() -> VimClient.connect("127.0.0.1:1", new VsphereTls(notPem, false), TIMEOUTS))
                .isInstanceOfSatisfying(VsphereException.class, e -> {
                    assertThat(e.kind()).isEqualTo(VsphereException.Kind.INVALID_INPUT);
                    assertThat(e.getMessage()).contains(notPem.toString());
                });
    }

    @Test
    void theReadTimeoutIsATimeout() throws Exception {
        try (Vcsim sim = Vcsim.start("-delay", "2s")) {
            assertThatThrownBy(() -> VimClient.connect(sim.server(), new VsphereTls(sim.caFile(), false),
                    new VsphereTimeouts(Duration.ofSeconds(2), Duration.ofMillis(500))))
                    .isInstanceOfSatisfying(VsphereException.class, e -> {
                        assertThat(e.kind()).isEqualTo(VsphereException.Kind.TIMEOUT);
                        assertThat(e.getMessage()).contains(sim.server(), "500 ms", "read timeout");
                    });
        }
    }
}
