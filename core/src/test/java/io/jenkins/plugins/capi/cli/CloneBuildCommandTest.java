package io.jenkins.plugins.capi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.capi.customize.RhsmWorkaround;
import io.jenkins.plugins.capi.testing.FakeBuilder;
import io.jenkins.plugins.capi.testing.FakeCloneBuilder;
import io.jenkins.plugins.capi.testing.SecretScan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code build} of a Rocky clone with the vendor's RHSM workaround, through the real runner: execs, not start-up. */
class CloneBuildCommandTest {

    private static final String PASSWORD = "Cl0ne-Pl4nted-Passw0rd";

    @TempDir
    Path dir;

    @Test
    void theCloneBuildRunsAsExecsInAnIdlingContainerThatIsRemovedAfterwards() throws Exception {
        FakeCloneBuilder.client();
        Path out = Files.createDirectories(dir.resolve("output"));
        Path config = Files.writeString(dir.resolve("imageconfig"), FakeBuilder.imageconfig("rocky-8",
                        "vcenter_template=/Datacenter/vm/templates/rocky-8-base", "fake_step_seconds=0.02")
                .replaceAll("(?m)^iso_name=.*$", "iso_name=").replaceAll("(?m)^iso_checksum=.*$", "iso_checksum=")
                .replace("fake_step_seconds=0.05\n", ""));
        CliRun plan = CliRun.run(Map.of("VCENTER_USER", "builder@vsphere.local", "VCENTER_PASSWORD", PASSWORD),
                "plan", "--config", config.toString(), "--output-dir", out.toString(), "--image", FakeCloneBuilder.IMAGE,
                "--no-preflight", "--rhsm-workaround", "on");
        assertThat(plan.exitCode()).as(plan.err()).isEqualTo(ExitCode.OK);
        assertThat(plan.out()).contains("command:        sleep infinity (instead of the image's start-up",
                "exec 2: make build-node-ova-vsphere-clone-rockylinux-8");

        CliRun r = CliRun.run(Map.of("VCENTER_USER", "builder@vsphere.local", "VCENTER_PASSWORD", PASSWORD),
                "build", "--config", config.toString(), "--output-dir", out.toString(), "--image", FakeCloneBuilder.IMAGE,
                "--no-preflight", "--rhsm-workaround", "on", "--timeout", "5m", "--stop-grace", "10s");

        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.OK);
        assertThat(r.err()).contains("idling (sleep infinity) for the build's execs",
                "exec in capi-build-cli-", "make build-node-ova-vsphere-clone-rockylinux-8")
                .doesNotContain("TASK [setup : Fail if RHSM_USER").doesNotContain(PASSWORD);
        assertThat(Files.readString(out.resolve(FakeCloneBuilder.COMMAND_LOG))).contains("sleep infinity",
                "sed --in-place", RhsmWorkaround.TASKS_FILE, "make build-node-ova-vsphere-clone-rockylinux-8");
        assertThat(r.out().strip()).endsWith("template-metadata.json");
        assertThat(FakeBuilder.containersOf("cli-")).isEmpty();
        SecretScan.assertNoFileContains(dir, PASSWORD);
    }
}
