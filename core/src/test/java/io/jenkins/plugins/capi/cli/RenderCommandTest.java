package io.jenkins.plugins.capi.cli;

import static io.jenkins.plugins.capi.cli.ValidateCommandTest.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RenderCommandTest {

    @Test
    void printsTheNormalisedLayoutWithOverrides() {
        CliRun r = CliRun.run("render", "--config", fixture("template-unfilled"), "--set", "image_name=rocky-8-ci",
                "--set", "vcenter_server=vc.example.com");
        assertThat(r.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(r.out().lines()).hasSize(71);
        assertThat(r.out().lines().toList().get(8)).isEqualTo("image_name=rocky-8-ci");
        assertThat(r.out().lines().toList().get(25)).isEqualTo("rhel_subscription_user=");
        assertThat(r.out()).contains("\nvcenter_server=vc.example.com\n", "\nvcenter_password=<redacted>\n",
                "\niso_checksum='<iso-checksum>'\n");
        // the legacy spelling is reported on stderr, the data is on stdout
        assertThat(r.err()).contains(":26:1: warning: `rhel_subscription-user` is an old or misprinted spelling");
    }

    @Test
    void credentialsFromTheEnvironmentAreShownRedacted() {
        Map<String, String> env = Map.of("VCENTER_USER", "ci@vsphere.local", "VCENTER_PASSWORD", "env-pass-1",
                "RHEL_USER", "rh@example.com", "RHEL_PASSWORD", "env-pass-2");
        CliRun r = CliRun.run(env, "render", "-c", fixture("rhel-connected"));
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("\nvcenter_user=ci@vsphere.local\n", "\nvcenter_password=<redacted>\n",
                "\nrhel_subscription_user=rh@example.com\n", "\nrhel_subscription_pass=<redacted>\n");
        assertThat(r.all()).doesNotContain("env-pass-1", "env-pass-2");
    }

    @Test
    void syntaxErrorsStopTheRenderingWithExitTwo(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("imageconfig");
        Files.writeString(file, "os_version=rhel-8\nimage_name='unclosed\n");
        CliRun r = CliRun.run("render", "-c", file.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains(file + ":2:12: error: the single quote opened here is not closed",
                "not rendered: fix the errors above");
    }

    @Test
    void missingFileAndHelp(@TempDir Path dir) {
        CliRun missing = CliRun.run("render", "-c", dir.resolve("x").toString());
        assertThat(missing.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(missing.err()).contains("the imageconfig file does not exist");
        CliRun help = CliRun.run("render", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("Usage: capi-image-build render", "<redacted>");
    }
}
