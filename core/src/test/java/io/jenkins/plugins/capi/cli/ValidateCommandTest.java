package io.jenkins.plugins.capi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {

    static final Map<String, String> VCENTER_ENV = Map.of("VCENTER_USER", "builder@vsphere.local", "VCENTER_PASSWORD", "pw");

    static String fixture(String name) {
        try {
            return Path.of(ValidateCommandTest.class.getResource("/imageconfig/" + name).toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void validConfigExitsZero() {
        CliRun r = CliRun.run(VCENTER_ENV, "validate", "--config", fixture("rocky-iso"));
        assertThat(r.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(r.out()).isEqualTo("OK: no problems found\n");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void withoutVcenterCredentialsInTheEnvironmentThePasswordIsMissing() {
        String file = fixture("rocky-iso");
        CliRun r = CliRun.run("validate", "--config", file);
        assertThat(r.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(r.out()).contains(file + ": error: `vcenter_user` is missing (hint: supply the vCenter user and password as credentials, or set it in the file; on the command line: VCENTER_USER and VCENTER_PASSWORD, or --vcenter-password-file)")
                .contains(file + ": error: `vcenter_password` is missing").endsWith("FAILED: 2 errors, 0 warnings\n");
        // only the password in the environment is not enough: both are needed
        assertThat(CliRun.run(Map.of("VCENTER_PASSWORD", "pw"), "validate", "--config", file).exitCode()).isEqualTo(2);
    }

    @Test
    void printsEveryFindingAsFileLineSeverityMessageAndHint(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("imageconfig");
        Files.writeString(file, Files.readString(Path.of(fixture("rocky-iso")))
                .replace("k8s_version=1.30.4", "k8s_version=v1.30.4")
                .replace("vcenter_server=vcenter.lab.example.com", "vcenter_server=https://vcenter.lab.example.com/ui")
                + "k8s_verison=1\n");
        CliRun r = CliRun.run(VCENTER_ENV, "validate", "-c", file.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(r.out().lines()).containsExactly(
                file + ":8:1: error: k8s_version v1.30.4 starts with a v (hint: drop the v: k8s_version=1.30.4)",
                file + ":19:1: error: vcenter_server must be a host name or IP address, optionally with :port, without https:// or a path (hint: vcenter_server=vcenter.lab.example.com)",
                file + ":30:1: warning: `k8s_verison` is not a documented imageconfig key (hint: did you mean `k8s_version`?)",
                "FAILED: 2 errors, 1 warning");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void warningsAloneExitZero() {
        CliRun r = CliRun.run(VCENTER_ENV, "validate", "--config", fixture("rocky-iso"), "--set", "k8s_version=1.30.5");
        assertThat(r.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(r.out()).startsWith("--set:1: warning: Kubernetes 1.30.5 is not in the compatibility matrix")
                .endsWith("OK: 0 errors, 1 warning\n");
    }

    @Test
    void compatibilityModeStrictAndOff() {
        String file = fixture("rocky-iso");
        assertThat(CliRun.run(VCENTER_ENV, "validate", "-c", file, "--set", "k8s_version=1.30.5", "--compatibility", "strict")
                .exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        CliRun off = CliRun.run(VCENTER_ENV, "validate", "-c", file, "--set", "k8s_version=1.30.5", "--compatibility", "OFF");
        assertThat(off.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(off.out()).isEqualTo("OK: no problems found\n");
        CliRun bad = CliRun.run(VCENTER_ENV, "validate", "-c", file, "--compatibility", "lenient");
        assertThat(bad.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(bad.err()).contains("--compatibility", "expected one of [WARN, STRICT, OFF] (case-insensitive)");
        assertThat(bad.out()).isEmpty();
    }

    @Test
    void builderVersionDecidesWhetherAirgappedRhelNeedsCredentials() {
        String file = fixture("rhel-airgap");
        assertThat(CliRun.run(VCENTER_ENV, "validate", "-c", file).exitCode()).as("the default image is 4.6.24").isZero();
        CliRun old = CliRun.run(VCENTER_ENV, "validate", "-c", file, "--image", "registry.example.com/capi-builder:v4.4.4");
        assertThat(old.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(old.out()).contains(":12:1: error: `rhel_subscription_user` is empty: an air-gapped RHEL build with builder 4.4.4 (before 4.6.0) needs a Red Hat subscription");
        Map<String, String> withRhel = Map.of("VCENTER_USER", "u", "VCENTER_PASSWORD", "p", "RHEL_USER", "r", "RHEL_PASSWORD", "q");
        assertThat(CliRun.run(withRhel, "validate", "-c", file, "--image", "registry.example.com/capi-builder:v4.4.4")
                .exitCode()).isZero();
        CliRun unknown = CliRun.run(VCENTER_ENV, "validate", "-c", file, "--image", "registry.example.com/capi-builder:latest");
        assertThat(unknown.exitCode()).isZero();
        assertThat(unknown.out()).contains("the builder version is unknown", "on the command line: --image");
        CliRun bad = CliRun.run(VCENTER_ENV, "validate", "-c", file, "--image", "x:y;rm -rf /");
        assertThat(bad.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(bad.err()).contains("--image: the image reference 'x:y;rm -rf /' contains ';'");
    }

    @Test
    void jsonFormatIsMachineReadable(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("imageconfig");
        Files.writeString(file, Files.readString(Path.of(fixture("rocky-iso"))).replace("cni_version=1.3.0", "cni_version=1.2.0"));
        CliRun r = CliRun.run(VCENTER_ENV, "validate", "-c", file.toString(), "--format", "json", "--set", "airgap=maybe");
        assertThat(r.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertThat(doc.get("config").asText()).isEqualTo(file.toString());
        assertThat(doc.get("valid").asBoolean()).isFalse();
        assertThat(doc.get("errors").asInt()).isEqualTo(1);
        assertThat(doc.get("warnings").asInt()).isEqualTo(1);
        JsonNode first = doc.get("findings").get(0);
        assertThat(first.get("severity").asText()).isEqualTo("warning");
        assertThat(first.get("key").asText()).isEqualTo("cni_version");
        assertThat(first.get("source").asText()).isEqualTo(file.toString());
        assertThat(first.get("line").asInt()).isEqualTo(9);
        assertThat(first.get("column").asInt()).isEqualTo(1);
        assertThat(first.get("hint").asText()).isEqualTo("cni_version=1.3.0");
        JsonNode second = doc.get("findings").get(1);
        assertThat(second.get("source").asText()).isEqualTo("--set");
        assertThat(second.get("message").asText()).isEqualTo("airgap must be true or false, not maybe");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void missingFileIsExitTwoWithAMessageOnStderr(@TempDir Path dir) {
        Path file = dir.resolve("imageconfig");
        CliRun r = CliRun.run("validate", "--config", file.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(r.err()).isEqualTo("capi-image-build validate: error: --config " + file
                + ": the imageconfig file does not exist; check the path\n");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void planWithAMissingFileNamesItOnceAndIsExitTwo(@TempDir Path dir) {
        Path file = dir.resolve("imageconfig");
        CliRun r = CliRun.run("plan", "--config", file.toString(), "--output-dir", dir.resolve("out").toString());
        assertThat(r.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(r.err()).startsWith(file + ": error: the imageconfig file does not exist; check the path");
        assertThat(r.err().split(java.util.regex.Pattern.quote(file.toString()), -1)).hasSize(2);
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void badUsageIsExitTwo() {
        assertThat(CliRun.run("validate").exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        CliRun set = CliRun.run("validate", "-c", fixture("rocky-iso"), "--set", "novalue");
        assertThat(set.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(set.out()).contains("--set:1: error: expected KEY=VALUE (the argument is not shown").doesNotContain("novalue");
        assertThat(CliRun.run("validate", "-c", fixture("rocky-iso"), "--format", "yaml").exitCode()).isEqualTo(2);
        assertThat(CliRun.run().exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
    }

    @Test
    void helpWorks() {
        CliRun r = CliRun.run("validate", "--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("Usage: capi-image-build validate", "--config=FILE", "--set=KEY=VALUE",
                "--format=text|json", "--compatibility=MODE", "--image=REF", "VCENTER_USER");
        assertThat(CliRun.run("help", "validate").out()).contains("Usage: capi-image-build validate");
        assertThat(CliRun.run("--help").out()).contains("validate", "render");
    }
}
