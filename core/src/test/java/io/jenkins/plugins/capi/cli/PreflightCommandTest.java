package io.jenkins.plugins.capi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.capi.testing.Vcsim;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code capi-image-build preflight} end to end against vcsim: exit codes, output, and no secret in it. */
@ExtendWith(Vcsim.Available.class)
class PreflightCommandTest {

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {}

    private Run run(Map<String, String> env, String... args) {
        CommandLine cl = CapiImageBuild.commandLine(env);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        String[] full = new String[args.length + 1];
        full[0] = "preflight";
        System.arraycopy(args, 0, full, 1, args.length);
        Run r = new Run(cl.execute(full), out.toString(), err.toString());
        assertThat(r.out() + r.err()).doesNotContain(Vcsim.PASSWORD).doesNotContain("s3cr3t");
        return r;
    }

    private Path config(Vcsim sim, String datastore, String... extraLines) throws Exception {
        List<String> lines = new ArrayList<>(List.of(
                "# vSphere settings",                         // 1
                "image_name=rhel-8-kube-v1.30.4",             // 2
                "vcenter_server=" + sim.server(),             // 3
                "vcenter_datacenter=DC0",                     // 4
                "vcenter_datastore=" + datastore,             // 5
                "vcenter_network=\"VM Network\"",             // 6
                "vcenter_folder=Templates",                   // 7
                "vcenter_cluster=DC0_C0",                     // 8
                "vcenter_resource_pool=",                     // 9
                "os_version=rockylinux-8",
                "image_type=standard",
                "cloud_type=vmware",
                "k8s_version=1.30.4",
                "cni_version=1.3.0",
                "containerd_version=1.7.13",
                "crictl_version=1.28.0",
                "iso_name=Rocky-8-latest-x86_64-dvd.iso",
                "iso_checksum=" + "ab".repeat(32),
                "airgap=false"));
        lines.addAll(List.of(extraLines));
        return Files.writeString(dir.resolve("imageconfig"), String.join("\n", lines) + "\n");
    }

    private static Map<String, String> credentials() {
        return Map.of("VCENTER_USER", Vcsim.USER, "VCENTER_PASSWORD", Vcsim.PASSWORD);
    }

    @Test
    void aGoodConfigExitsZero() throws Exception {
        try (Vcsim sim = Vcsim.start("-folder", "Templates")) {
            Run r = run(credentials(), "--config", config(sim, "LocalDS_0").toString(), "--ca-file", sim.caFile().toString());
            assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(ExitCode.OK);
            assertThat(r.out()).contains("pre-flight passed");
            assertThat(r.err()).isEmpty();
        }
    }

    @Test
    void aFailedCheckExitsOneAndPointsAtTheLine() throws Exception {
        try (Vcsim sim = Vcsim.start("-folder", "Templates")) {
            Run r = run(credentials(), "--config", config(sim, "LocalDS_7").toString(), "--ca-file", sim.caFile().toString(),
                    "--set", "vcenter_network=DVS0");
            assertThat(r.exit()).isEqualTo(ExitCode.FAILED);
            assertThat(r.out()).contains(dir.resolve("imageconfig") + ":5:1: error: vcenter_datastore 'LocalDS_7': nothing at /DC0/datastore/LocalDS_7")
                    .contains("--set:1: error: vcenter_network 'DVS0'")
                    .contains("pre-flight failed, 2 errors");
        }
    }

    @Test
    void thePasswordFileWorksAndInsecureWarns() throws Exception {
        try (Vcsim sim = Vcsim.start("-folder", "Templates")) {
            Path pw = Files.writeString(dir.resolve("pw"), Vcsim.PASSWORD + "\n");
            Run r = run(Map.of("VCENTER_USER", Vcsim.USER), "--config", config(sim, "LocalDS_0").toString(),
                    "--vcenter-password-file", pw.toString(), "--insecure", "-v");
            assertThat(r.exit()).isEqualTo(ExitCode.OK);
            assertThat(r.out()).contains("warning: TLS certificate verification for vCenter is switched off")
                    .contains("info: vcenter_datastore 'LocalDS_0' is datastore /DC0/datastore/LocalDS_0");
        }
    }

    @Test
    void aWrongPasswordExitsOne() throws Exception {
        try (Vcsim sim = Vcsim.startWithPassword("different")) {
            Run r = run(credentials(), "--config", config(sim, "LocalDS_0").toString(), "--ca-file", sim.caFile().toString());
            assertThat(r.exit()).isEqualTo(ExitCode.FAILED);
            assertThat(r.out()).contains("InvalidLogin");
        }
    }

    @Test
    void invalidInputExitsTwo() throws Exception {
        try (Vcsim sim = Vcsim.start()) {
            String cfg = config(sim, "LocalDS_0").toString();
            assertThat(run(credentials(), "--config", dir.resolve("missing").toString()).exit()).isEqualTo(ExitCode.INVALID_INPUT);
            Run noPassword = run(Map.of("VCENTER_USER", "u"), "--config", cfg);
            assertThat(noPassword.exit()).isEqualTo(ExitCode.INVALID_INPUT);
            assertThat(noPassword.err()).contains("`vcenter_password` is missing", "VCENTER_PASSWORD");
            assertThat(run(credentials(), "--config", cfg, "--set", "novalue").exit()).isEqualTo(ExitCode.INVALID_INPUT);
            Run secretOnCli = run(credentials(), "--config", cfg, "--set", "vcenter_password=" + "x");
            assertThat(secretOnCli.exit()).isEqualTo(ExitCode.INVALID_INPUT);
            assertThat(run(credentials(), "--config", cfg, "--insecure", "--ca-file", "x.pem").exit())
                    .isEqualTo(ExitCode.INVALID_INPUT);
            assertThat(run(credentials(), "--config", cfg, "--set", "vcenter_server=vc:notaport").err())
                    .contains("--set:1: error: vcenter_server vc:notaport has an invalid port");
            Run url = run(credentials(), "--config", cfg, "--set", "vcenter_server=https://" + sim.server() + "/sdk");
            assertThat(url.exit()).as("as validate does").isEqualTo(ExitCode.INVALID_INPUT);
            assertThat(url.err()).contains("hint: vcenter_server=" + sim.server());
            assertThat(run(credentials(), "--config", cfg, "--set", "vcenter_server=host/foo").exit())
                    .isEqualTo(ExitCode.INVALID_INPUT);
            assertThat(run(credentials(), "--config", cfg, "--timeout", "-5s").exit()).isEqualTo(ExitCode.INVALID_INPUT);
        }
    }

    @Test
    void thePasswordWrittenInTheFileIsUsedWhenNoneIsSupplied() throws Exception {
        try (Vcsim sim = Vcsim.start("-folder", "Templates")) {
            Path cfg = config(sim, "LocalDS_0", "vcenter_user=" + Vcsim.USER,
                    "vcenter_password='" + Vcsim.PASSWORD.replace("'", "'\\''") + "'");
            Run r = run(Map.of(), "--config", cfg.toString(), "--ca-file", sim.caFile().toString());
            assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(ExitCode.OK);
            assertThat(r.out()).contains("pre-flight passed").doesNotContain(Vcsim.PASSWORD);
            assertThat(r.err()).contains("credentials in the file").doesNotContain(Vcsim.PASSWORD);
        }
    }

    @Test
    void compatibilityIsReadInAnyCaseAndStrictRefusesBeforeVcenter() throws Exception {
        try (Vcsim sim = Vcsim.start("-folder", "Templates")) {
            Run r = run(credentials(), "--config", config(sim, "LocalDS_0").toString(), "--ca-file",
                    sim.caFile().toString(), "--set", "cni_version=1.2.0", "--compatibility", "STRICT");
            assertThat(r.exit()).isEqualTo(ExitCode.INVALID_INPUT);
            assertThat(r.err()).contains("--set:1: error: cni_version 1.2.0 differs from the compatibility matrix");
            assertThat(r.out()).doesNotContain("pre-flight");
        }
    }
}
