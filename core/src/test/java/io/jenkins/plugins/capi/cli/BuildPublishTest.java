package io.jenkins.plugins.capi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.capi.metadata.MetadataJson;
import io.jenkins.plugins.capi.metadata.Provenance;
import io.jenkins.plugins.capi.metadata.TemplateMetadata;
import io.jenkins.plugins.capi.testing.Engine;
import io.jenkins.plugins.capi.testing.FakeBuilder;
import io.jenkins.plugins.capi.testing.SecretScan;
import io.jenkins.plugins.capi.testing.Vcsim;
import io.jenkins.plugins.capi.vsphere.VimClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code build --publish}: the stand-in builder's OVA published to two simulated vCenters, in one command. */
@ExtendWith(Vcsim.Available.class)
class BuildPublishTest {

    @TempDir
    Path dir;

    private Path out;

    private CliRun build(Vcsim a, String... extra) {
        List<String> args = new ArrayList<>(List.of("build", "--config", dir.resolve("imageconfig").toString(),
                "--output-dir", out.toString(), "--image", FakeBuilder.IMAGE, "--ca-file", a.caFile().toString(),
                "--timeout", "5m", "--stop-grace", "10s"));
        args.addAll(List.of(extra));
        CliRun r = CliRun.run(Map.of("VCENTER_USER", Vcsim.USER, "VCENTER_PASSWORD", Vcsim.PASSWORD),
                args.toArray(String[]::new));
        assertThat(r.all()).doesNotContain(Vcsim.PASSWORD).doesNotContain(PublishCommandTest.OTHER_PASSWORD)
                .doesNotContain(FakeBuilder.PLANTED_PASSWORD);
        return r;
    }

    private void config(Vcsim a) throws Exception {
        out = Files.createDirectories(dir.resolve("output"));
        Files.writeString(out.resolve(FakeBuilder.ISO_NAME), FakeBuilder.ISO_CONTENT);
        Files.writeString(dir.resolve("imageconfig"), FakeBuilder.imageconfig("rocky-8")
                .replace("vcenter_server=vcenter.lab.example.com", "vcenter_server=" + a.server())
                .replace("vcenter_datacenter=Datacenter", "vcenter_datacenter=DC0")
                .replace("vcenter_datastore=vsanDatastore", "vcenter_datastore=LocalDS_0")
                .replace("vcenter_folder=templates", "vcenter_folder=Templates")
                .replace("vcenter_cluster=Cluster-A", "vcenter_cluster=DC0_C0"));
    }

    private Path target(Vcsim b, String datastore) throws Exception {
        return Files.writeString(dir.resolve("dr-site.conf"), String.join("\n",
                "vcenter_server=" + b.server(), "vcenter_user=" + Vcsim.USER,
                "vcenter_password=\"" + PublishCommandTest.OTHER_PASSWORD.replace("\"", "\\\"") + "\"",
                "vcenter_ca_file=" + b.caFile(), "vcenter_datacenter=DC0", "vcenter_datastore=" + datastore,
                "vcenter_network=DC0_DVPG0", "vcenter_folder=Golden/capi", "vcenter_cluster=DC0_C0", ""));
    }

    @Test
    void threeBuildsPublishToBothTargetsKeepingTwoWithPublicationsAndProvenance() throws Exception {
        Engine.client();
        try (Vcsim a = Vcsim.start("-folder", "Templates");
             Vcsim b = Vcsim.startWithPassword(PublishCommandTest.OTHER_PASSWORD, "-folder", "Golden")) {
            config(a);
            Path target = target(b, "LocalDS_0");
            for (String build : List.of("1", "2", "3")) {
                CliRun r = build(a, "--publish", "--name", "{image_name}-k{k8s}-{build}", "--build-id", build,
                        "--keep", "2", "--target", target.toString());
                assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.OK);
                assertThat(r.err()).contains("publish target check passed", "published");
            }
            try (VimClient ca = PublishCommandTest.admin(a, Vcsim.PASSWORD);
                 VimClient cb = PublishCommandTest.admin(b, PublishCommandTest.OTHER_PASSWORD)) {
                assertThat(PublishCommandTest.names(ca, "/DC0/vm/Templates"))
                        .containsExactly("rocky-8-k1.30.4-2", "rocky-8-k1.30.4-3");
                assertThat(PublishCommandTest.names(cb, "/DC0/vm/Golden/capi"))
                        .containsExactly("rocky-8-k1.30.4-2", "rocky-8-k1.30.4-3");
            }
            TemplateMetadata m = MetadataJson.read(MetadataJson.defaultFile(out));
            assertThat(m.publications()).extracting(TemplateMetadata.Publication::inventoryPath).containsExactly(
                    "/DC0/vm/Templates/rocky-8-k1.30.4-3", "/DC0/vm/Golden/capi/rocky-8-k1.30.4-3");
            assertThat(m.publications()).allSatisfy(p -> assertThat(p.tags()).isNotEmpty());
            assertThat(Provenance.defaultFile(out)).exists();
            SecretScan.assertNoFileContains(out, Vcsim.PASSWORD);
            SecretScan.assertNoFileContains(out, PublishCommandTest.OTHER_PASSWORD);
        }
    }

    @Test
    void aWrongTargetRefusesTheBuildBeforeTheContainerStarts() throws Exception {
        Engine.client();
        try (Vcsim a = Vcsim.start("-folder", "Templates");
             Vcsim b = Vcsim.startWithPassword(PublishCommandTest.OTHER_PASSWORD, "-folder", "Golden")) {
            config(a);
            CliRun r = build(a, "--publish", "--target", target(b, "LocalDS_7").toString());
            assertThat(r.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
            assertThat(r.err()).contains(dir.resolve("dr-site.conf") + ":6:1: error: vcenter_datastore 'LocalDS_7'")
                    .contains("publish target check failed").doesNotContain("Started container");
            assertThat(FakeBuilder.containersOf("cli-")).isEmpty();
        }
    }
}
