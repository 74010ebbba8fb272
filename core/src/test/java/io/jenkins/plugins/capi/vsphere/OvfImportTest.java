package io.jenkins.plugins.capi.vsphere;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.capi.publish.OvaArchive;
import io.jenkins.plugins.capi.testing.OvaFixture;
import io.jenkins.plugins.capi.testing.Vcsim;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The import protocol itself (import spec, lease, NFC upload, complete/abort) against vcsim. */
@ExtendWith(Vcsim.Available.class)
class OvfImportTest {

    private static final VsphereTimeouts TIMEOUTS = new VsphereTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(20));

    @TempDir
    Path dir;

    private static VimClient admin(Vcsim sim) throws VsphereException {
        VimClient c = VimClient.connect(sim.server(), new VsphereTls(sim.caFile(), false), TIMEOUTS);
        c.login(Vcsim.USER, Vcsim.PASSWORD);
        return c;
    }

    private static OvfImport.Placement placement(VimClient c, String folder) throws VsphereException {
        return new OvfImport.Placement(c.findByInventoryPath(folder).orElseThrow(),
                c.findByInventoryPath("/DC0/host/DC0_C0/Resources").orElseThrow(),
                c.findByInventoryPath("/DC0/datastore/LocalDS_0").orElseThrow(),
                c.findByInventoryPath("/DC0/network/DC0_DVPG0").orElseThrow());
    }

    @Test
    void anOvaIsImportedFromItsTarIntoTheFolderAndBecomesATemplate() throws Exception {
        Path ova = OvaFixture.write(dir, "rocky-8", 3 * 1024 * 1024 + 17, true);
        OvaArchive archive = OvaArchive.open(ova);
        try (Vcsim sim = Vcsim.start("-folder", "Templates"); VimClient c = admin(sim)) {
            HttpNfcLease lease = OvfImport.begin(c, archive.descriptor(), "rocky-8-kube-v1.30.4",
                    placement(c, "/DC0/vm/Templates"));
            assertThat(lease.uploads()).singleElement().satisfies(u -> {
                assertThat(u.item().path()).isEqualTo("rocky-8-disk-0.vmdk");
                assertThat(u.url().getHost()).isEqualTo("127.0.0.1");
            });
            AtomicLong seen = new AtomicLong();
            for (HttpNfcLease.Upload u : lease.uploads()) {
                OvaArchive.Entry e = archive.entry(u.item().path()).orElseThrow();
                try (InputStream in = archive.open(e)) {
                    lease.upload(u, in, e.size(), seen::set, () -> false);
                }
            }
            lease.complete();
            VirtualMachine vm = VirtualMachine.of(c, lease.entity());
            vm.markAsTemplate();

            assertThat(seen.get()).isEqualTo(3 * 1024 * 1024 + 17);
            assertThat(c.findByInventoryPath("/DC0/vm/Templates/rocky-8-kube-v1.30.4")).contains(lease.entity());
            ObjectContent o = c.retrieveOne(lease.entity(), List.of("config.template", "config.hardware.numCPU",
                    "config.hardware.memoryMB", "config.guestId", "config.hardware.device"));
            assertThat(o.bool("config.template")).isTrue();
            assertThat(o.longValue("config.hardware.numCPU", 0)).isEqualTo(2);
            assertThat(o.longValue("config.hardware.memoryMB", 0)).isEqualTo(4096);
            assertThat(o.text("config.guestId")).contains("rhel8_64Guest");
            assertThat(o.children("config.hardware.device")).anySatisfy(d -> {
                assertThat(d.getAttributeNS(SoapXml.XSI_NS, "type")).endsWith("VirtualDisk");
                assertThat(SoapXml.childText(d, "capacityInKB")).isEqualTo(Long.toString(20L * 1024 * 1024));
            });
        }
    }

    @Test
    void aCancelledUploadStopsAndTheLeaseCanBeAborted() throws Exception {
        Path ova = OvaFixture.write(dir, "rocky-8", 64L * 1024 * 1024, false);
        OvaArchive archive = OvaArchive.open(ova);
        try (Vcsim sim = Vcsim.start("-folder", "Templates"); VimClient c = admin(sim)) {
            HttpNfcLease lease = OvfImport.begin(c, archive.descriptor(), "partial", placement(c, "/DC0/vm/Templates"));
            HttpNfcLease.Upload u = lease.uploads().get(0);
            OvaArchive.Entry e = archive.entry(u.item().path()).orElseThrow();
            AtomicLong seen = new AtomicLong();
            try (InputStream in = archive.open(e)) {
                assertThatThrownBy(() -> lease.upload(u, in, e.size(), seen::set, () -> seen.get() > 1024 * 1024))
                        .isInstanceOf(VsphereException.class).hasMessageContaining("cancelled");
            }
            lease.abort();
            assertThat(seen.get()).isLessThan(e.size());
        }
    }
}
