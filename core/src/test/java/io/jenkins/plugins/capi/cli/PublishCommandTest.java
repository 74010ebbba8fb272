package io.jenkins.plugins.capi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.capi.metadata.MetadataJson;
import io.jenkins.plugins.capi.metadata.Provenance;
import io.jenkins.plugins.capi.metadata.TemplateMetadata;
import io.jenkins.plugins.capi.testing.OvaFixture;
import io.jenkins.plugins.capi.testing.SecretScan;
import io.jenkins.plugins.capi.testing.Vcsim;
import io.jenkins.plugins.capi.vsphere.ObjectContent;
import io.jenkins.plugins.capi.vsphere.VimClient;
import io.jenkins.plugins.capi.vsphere.VmFolders;
import io.jenkins.plugins.capi.vsphere.VsphereTimeouts;
import io.jenkins.plugins.capi.vsphere.VsphereTls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code capi-image-build publish} end to end against two vcsim processes. */
@ExtendWith(Vcsim.Available.class)
class PublishCommandTest {

    static final String OTHER_PASSWORD = "Dr-S1te<&>'planted";

    @TempDir
    Path dir;

    /** {@code publish ARGS}, checking that no planted password reaches the output. */
    private static CliRun run(Map<String, String> env, String... args) {
        List<String> full = new ArrayList<>(List.of("publish"));
        full.addAll(List.of(args));
        CliRun r = CliRun.run(env, full.toArray(String[]::new));
        assertThat(r.all()).doesNotContain(Vcsim.PASSWORD).doesNotContain(OTHER_PASSWORD);
        return r;
    }

    private Path config(Vcsim sim) throws Exception {
        return Files.writeString(dir.resolve("imageconfig"), String.join("\n",
                "os_version=rockylinux-8", "image_type=standard", "k8s_version=1.30.4", "image_name=rocky-8",
                "vcenter_server=" + sim.server(), "vcenter_datacenter=DC0", "vcenter_datastore=LocalDS_0",
                "vcenter_network=\"VM Network\"", "vcenter_folder=Templates", "vcenter_cluster=DC0_C0", ""));
    }

    private Path targetFile(Vcsim sim, String datastore) throws Exception {
        return Files.writeString(dir.resolve("dr-site.conf"), String.join("\n",
                "# the disaster-recovery vCenter", "vcenter_server=" + sim.server(), "vcenter_user=jenkins",
                "vcenter_password=\"" + OTHER_PASSWORD.replace("\"", "\\\"") + "\"",
                "vcenter_ca_file=" + sim.caFile(), "vcenter_datacenter=DC0", "vcenter_datastore=" + datastore,
                "vcenter_network=DC0_DVPG0", "vcenter_folder=Golden/capi", "vcenter_cluster=DC0_C0", ""));
    }

    /** An output folder as a build leaves it: the OVA in {@code <image_name>/}, the metadata beside it. */
    private Path outputs(long diskBytes, boolean random) throws Exception {
        Path out = Files.createDirectories(dir.resolve("output"));
        Path images = Files.createDirectories(out.resolve("rocky-8"));
        Path ova = OvaFixture.write(images, "rockylinux-8-kube-v1.30.4", diskBytes, random);
        TemplateMetadata m = new TemplateMetadata(TemplateMetadata.SCHEMA_VERSION, "rocky-8", "rockylinux-8",
                "standard", "1.30.4", "1.3.0", "1.7.13", null,
                new TemplateMetadata.Builder("example.com/capi-builder:v4.6.24", "sha256:" + "11".repeat(32),
                        "example.com/capi-builder@sha256:" + "22".repeat(32)),
                null, new TemplateMetadata.Packer("rockylinux-8-kube-v1.30.4", "vsphere", "vsphere-iso", "run-1", 1L),
                Instant.parse("2026-07-22T10:10:58Z"), Instant.parse("2026-07-22T11:00:31Z"),
                new TemplateMetadata.Ova(ova.getFileName().toString(), Files.size(ova), "33".repeat(32), true),
                List.of(), Map.of(), Map.of("tool", "capi-image-build"));
        MetadataJson.write(m, MetadataJson.defaultFile(out));
        return out;
    }

    private static Map<String, String> credentials() {
        return Map.of("VCENTER_USER", Vcsim.USER, "VCENTER_PASSWORD", Vcsim.PASSWORD);
    }

    @Test
    void publishesToBothVcentersKeepsTwoAndRecordsPublicationsAndProvenance() throws Exception {
        Path out = outputs(300 * 1024, true);
        try (Vcsim a = Vcsim.start("-folder", "Templates");
             Vcsim b = Vcsim.startWithPassword(OTHER_PASSWORD, "-folder", "Golden")) {
            Path cfg = config(a);
            Path target = targetFile(b, "LocalDS_0");
            for (String build : List.of("1", "2", "3")) {
                CliRun r = run(credentials(), "--config", cfg.toString(), "--output-dir", out.toString(),
                        "--ca-file", a.caFile().toString(), "--name", "{os}-kube-v{k8s}-{build}", "--build-id", build,
                        "--keep", "2", "--target", target.toString());
                assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(ExitCode.OK);
            }
            try (VimClient ca = admin(a, Vcsim.PASSWORD); VimClient cb = admin(b, OTHER_PASSWORD)) {
                assertThat(names(ca, "/DC0/vm/Templates")).containsExactly("rockylinux-8-kube-v1.30.4-2",
                        "rockylinux-8-kube-v1.30.4-3");
                assertThat(names(cb, "/DC0/vm/Golden/capi")).containsExactly("rockylinux-8-kube-v1.30.4-2",
                        "rockylinux-8-kube-v1.30.4-3");
            }
            TemplateMetadata m = MetadataJson.read(MetadataJson.defaultFile(out));
            assertThat(m.publications()).hasSize(6);
            assertThat(m.publications().subList(4, 6)).extracting(TemplateMetadata.Publication::target,
                            TemplateMetadata.Publication::inventoryPath)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(dir.resolve("imageconfig").toString(),
                                    "/DC0/vm/Templates/rockylinux-8-kube-v1.30.4-3"),
                            org.assertj.core.groups.Tuple.tuple(dir.resolve("dr-site.conf").toString(),
                                    "/DC0/vm/Golden/capi/rockylinux-8-kube-v1.30.4-3"));
            assertThat(m.publications().get(5).removedTemplates()).containsExactly("/DC0/vm/Golden/capi/rockylinux-8-kube-v1.30.4-1");
            assertThat(m.publications().get(5).palette().osImageOverride()).isEqualTo("/DC0/vm/Golden/capi/rockylinux-8-kube-v1.30.4-3");

            JsonNode statement = MetadataJson.mapper().readTree(Provenance.defaultFile(out).toFile());
            assertThat(statement.path("_type").asText()).isEqualTo(Provenance.STATEMENT_TYPE);
            assertThat(statement.path("subject").get(0).path("digest").path("sha256").asText()).isEqualTo("33".repeat(32));
            assertThat(statement.path("predicate").path("buildDefinition").path("resolvedDependencies").toString())
                    .contains("docker://example.com/capi-builder:v4.6.24", "22".repeat(32));
            SecretScan.assertNoFileContains(out, Vcsim.PASSWORD);
            SecretScan.assertNoFileContains(out, OTHER_PASSWORD);
        }
    }

    @Test
    void aWrongTargetStopsEverythingBeforeAnyUploadAndNamesTheFileKeyAndFix() throws Exception {
        Path out = outputs(4096, true);
        try (Vcsim a = Vcsim.start("-folder", "Templates");
             Vcsim b = Vcsim.startWithPassword(OTHER_PASSWORD, "-folder", "Golden")) {
            long start = System.nanoTime();
            CliRun r = run(credentials(), "--config", config(a).toString(), "--output-dir", out.toString(),
                    "--ca-file", a.caFile().toString(), "--target", targetFile(b, "LocalDS_7").toString());
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
            assertThat(r.exitCode()).isEqualTo(ExitCode.FAILED);
            assertThat(r.out()).contains(dir.resolve("dr-site.conf") + ":7:1: error: vcenter_datastore 'LocalDS_7': "
                    + "nothing at /DC0/datastore/LocalDS_7; /DC0/datastore contains LocalDS_0");
            assertThat(r.err()).contains("nothing was published");
            try (VimClient ca = admin(a, Vcsim.PASSWORD)) {
                assertThat(names(ca, "/DC0/vm/Templates")).isEmpty();
            }
        }
    }

    @Test
    void badInputIsExitTwoWithTheOptionNamed() throws Exception {
        Path out = outputs(4096, true);
        try (Vcsim a = Vcsim.start("-folder", "Templates")) {
            Path cfg = config(a);
            CliRun pattern = run(credentials(), "--config", cfg.toString(), "--output-dir", out.toString(), "--name", "{distro}-x");
            assertThat(pattern.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
            assertThat(pattern.err()).contains("--name", "{distro}", "{os}, {k8s}, {image_name}, {build}, {date}");
            CliRun existing = run(credentials(), "--config", cfg.toString(), "--output-dir", out.toString(),
                    "--on-existing", "overwrite");
            assertThat(existing.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
            assertThat(existing.err()).contains("--on-existing 'overwrite' is not one of fail, replace, skip");
            CliRun secretSet = run(credentials(), "--config", cfg.toString(), "--output-dir", out.toString(),
                    "--set", "vcenter_password=" + Vcsim.PASSWORD);
            assertThat(secretSet.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
            CliRun build = run(credentials(), "--config", cfg.toString(), "--output-dir", out.toString(),
                    "--name", "{image_name}-{build}", "--ca-file", a.caFile().toString());
            assertThat(build.exitCode()).isEqualTo(ExitCode.FAILED);
            assertThat(build.out()).contains("uses {build}, which this build does not have");
        }
    }

    @Test
    void aTwoGibOvaIsImportedWithTheHeapCappedAt64Mb() throws Exception {
        long twoGib = 2L * 1024 * 1024 * 1024;
        Path out = outputs(twoGib, false); // a sparse disk: 2 GiB read and sent, no disk space used
        try (Vcsim a = Vcsim.start("-folder", "Templates")) {
            Path cfg = config(a);
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx64m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                    CapiImageBuild.class.getName(), "publish", "--config", cfg.toString(), "--output-dir", out.toString(),
                    "--ca-file", a.caFile().toString()));
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
            pb.environment().put("VCENTER_USER", Vcsim.USER);
            pb.environment().put("VCENTER_PASSWORD", Vcsim.PASSWORD);
            Process p = pb.start();
            String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
            assertThat(p.exitValue()).as(output).isZero();
            assertThat(output).contains("(100%)", "published /DC0/vm/Templates/rockylinux-8-kube-v1.30.4")
                    .doesNotContain(Vcsim.PASSWORD).doesNotContain("OutOfMemoryError");
            TemplateMetadata m = MetadataJson.read(MetadataJson.defaultFile(out));
            assertThat(m.publications()).singleElement().satisfies(pub -> assertThat(pub.bytesSent()).isEqualTo(twoGib));
        }
    }

    static VimClient admin(Vcsim sim, String password) throws Exception {
        VimClient c = VimClient.connect(sim.server(), new VsphereTls(sim.caFile(), false),
                new VsphereTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(20)));
        c.login(Vcsim.USER, password);
        return c;
    }

    static List<String> names(VimClient c, String folder) throws Exception {
        return VmFolders.virtualMachinesIn(c, c.findByInventoryPath(folder).orElseThrow(), List.of("name")).stream()
                .map(ObjectContent::name).sorted().toList();
    }
}
