package io.jenkins.plugins.capi.bench;

import io.jenkins.plugins.capi.publish.OvaArchive;
import io.jenkins.plugins.capi.testing.OvaFixture;
import io.jenkins.plugins.capi.vsphere.HttpNfcLease;
import io.jenkins.plugins.capi.vsphere.OvfImport;
import io.jenkins.plugins.capi.vsphere.VimClient;
import io.jenkins.plugins.capi.vsphere.VirtualMachine;
import io.jenkins.plugins.capi.vsphere.VsphereTimeouts;
import io.jenkins.plugins.capi.vsphere.VsphereTls;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * The import half of {@code bench/publish-import.sh}: one OVA import into a vcsim with this project's client
 * (import spec, lease, streamed upload, complete), timed from connect to complete, as {@code govc import.ova}
 * does it. Prints {@code seconds bytes peak-heap-bytes}. With {@code write DIR NAME BYTES} it writes the sparse
 * test OVA instead.
 *
 * <p>Usage: {@code PublishImportBenchmark import SERVER CA_FILE OVA VM_NAME [REPEAT]} (user and password from
 * {@code VCENTER_USER}/{@code VCENTER_PASSWORD}); with REPEAT, that many imports in one JVM (a warm agent).
 * {@code serve SERVER CA_FILE OVA} imports once per VM name read from standard input, in one JVM.
 */
public final class PublishImportBenchmark {

    private PublishImportBenchmark() {}

    public static void main(String[] args) throws Exception {
        if ("write".equals(args[0])) {
            System.out.println(OvaFixture.write(Path.of(args[1]), args[2], Long.parseLong(args[3]), false));
            return;
        }
        if ("serve".equals(args[0])) {
            // One import per VM name read from standard input, in this one JVM: a long-running agent.
            java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(System.in,
                    java.nio.charset.StandardCharsets.UTF_8));
            for (String line; (line = in.readLine()) != null && !line.isBlank(); ) {
                importOnce(args[1], new VsphereTls(Path.of(args[2]), false), Path.of(args[3]), line.strip());
                System.out.flush();
            }
            return;
        }
        String server = args[1];
        VsphereTls tls = new VsphereTls(Path.of(args[2]), false);
        Path ova = Path.of(args[3]);
        int repeat = args.length > 5 ? Integer.parseInt(args[5]) : 1;
        for (int i = 1; i <= repeat; i++) {
            importOnce(server, tls, ova, repeat == 1 ? args[4] : args[4] + "-" + i);
        }
    }

    private static void importOnce(String server, VsphereTls tls, Path ova, String name) throws Exception {
        long start = System.nanoTime();
        long bytes = 0;
        try (VimClient c = VimClient.connect(server, tls, new VsphereTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(60)))) {
            c.login(System.getenv("VCENTER_USER"), System.getenv("VCENTER_PASSWORD"));
            OvaArchive archive = OvaArchive.open(ova);
            HttpNfcLease lease = OvfImport.begin(c, archive.descriptor(), name, new OvfImport.Placement(
                    c.findByInventoryPath("/DC0/vm").orElseThrow(),
                    c.findByInventoryPath("/DC0/host/DC0_C0/Resources").orElseThrow(),
                    c.findByInventoryPath("/DC0/datastore/LocalDS_0").orElseThrow(),
                    c.findByInventoryPath("/DC0/network/VM Network").orElseThrow()));
            lease.keepAlive(archive.entries().stream().mapToLong(OvaArchive.Entry::size).sum());
            for (HttpNfcLease.Upload u : lease.uploads()) {
                OvaArchive.Entry e = archive.entry(u.item().path()).orElseThrow();
                try (InputStream in = archive.open(e)) {
                    lease.upload(u, in, e.size(), sent -> { }, () -> false);
                }
                bytes += e.size();
            }
            lease.complete();
            double seconds = (System.nanoTime() - start) / 1e9;
            long peak = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP) {
                    peak += pool.getPeakUsage().getUsed();
                }
            }
            System.out.printf(Locale.ROOT, "%.3f %d %d%n", seconds, bytes, peak);
            VirtualMachine.of(c, lease.entity()).destroy();
        }
    }
}
