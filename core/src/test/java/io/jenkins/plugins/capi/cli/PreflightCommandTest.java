package io.jenkins.plugins.capi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.capi.testing.Vcsim;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
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
        CommandLine cl = CapiImageBuild.commandLine();
        ((PreflightCommand) cl.getSubcommands().get("preflight").getCommand()).environment = env::get;
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

    private Path config(Vcsim sim, String datastore) throws Exception {
        return Files.writeString(dir.resolve("imageconfig"), String.join("\n",
                "# vSphere settings",
                "image_name=rhel-8-kube-v1.30.4",
                "vcenter_server=" + sim.server(),
                "vcenter_datacenter=DC0",
                "vcenter_datastore=" + datastore,
                "vcenter_network=\"VM Network\"",
                "vcenter_folder=Templates",
                "vcenter_cluster=DC0_C0",
                "vcenter_resource_pool=",
                ""));
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
                    .contains("--set vcenter_network: error: vcenter_network 'DVS0'")
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
            assertThat(noPassword.err()).contains("no vCenter password");
            assertThat(run(credentials(), "--config", cfg, "--set", "novalue").exit()).isEqualTo(ExitCode.INVALID_INPUT);
            Run secretOnCli = run(credentials(), "--config", cfg, "--set", "vcenter_password=" + "x");
            assertThat(secretOnCli.exit()).isEqualTo(ExitCode.INVALID_INPUT);
            assertThat(run(credentials(), "--config", cfg, "--insecure", "--ca-file", "x.pem").exit())
                    .isEqualTo(ExitCode.INVALID_INPUT);
            assertThat(run(credentials(), "--config", cfg, "--set", "vcenter_server=vc:notaport").err())
                    .contains("--set vcenter_server", "not a number");
        }
    }
}
