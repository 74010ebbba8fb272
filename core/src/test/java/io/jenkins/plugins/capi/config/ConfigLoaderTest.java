package io.jenkins.plugins.capi.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    private static final ValidationOptions JENKINS = new ValidationOptions(CompatibilityMode.WARN, "4.6.24",
            Supplied.keys(true, false));

    @Test
    void loadsParsesOverridesAndValidatesInOneCall() throws Exception {
        ConfigLoader.LoadedConfig loaded = ConfigLoader.load(ImageConfigParserTest.fixture("rocky-iso"),
                Overrides.fromMap(Map.of("image_name", "rocky-8-nightly", "vcenter_resource_pool", ""), "overrides"),
                JENKINS);
        assertThat(loaded.hasErrors()).isFalse();
        assertThat(loaded.findings()).isEmpty();
        assertThat(loaded.config().imageName()).isEqualTo("rocky-8-nightly");
        assertThat(loaded.config().locationOf("image_name").source()).isEqualTo("overrides");
    }

    @Test
    void findingsFromEachStageAreCombinedInOrderAndNameTheSet(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("imageconfig");
        Files.writeString(file, Files.readString(ImageConfigParserTest.fixture("rocky-iso"))
                .replace("vcenter_resource_pool=Resources", "vcenter_resource_pool=")
                + "k8s_verison=1.30.4\nbroken line\n");
        ConfigLoader.LoadedConfig loaded = ConfigLoader.load(file,
                Overrides.fromAssignments(java.util.List.of("cni_version=v1.3.0"), "--set"), JENKINS);
        assertThat(loaded.findings()).extracting(Finding::format).containsExactly(
                file + ":30:1: warning: `k8s_verison` is not a documented imageconfig key (hint: did you mean `k8s_version`?)",
                file + ":31:1: error: line is not a key=value pair (hint: write key=value, or start the line with # to make it a comment)",
                "--set:1: error: cni_version v1.3.0 starts with a v (hint: drop the v: cni_version=1.3.0)");
        assertThat(loaded.hasErrors()).isTrue();
        assertThat(loaded.errors()).hasSize(2);
    }

    @Test
    void missingFileSaysSoAndNamesIt(@TempDir Path dir) {
        Path file = dir.resolve("nope/imageconfig");
        assertThatThrownBy(() -> ConfigLoader.load(file, Overrides.none(), JENKINS))
                .isInstanceOf(ConfigReadException.class)
                .hasMessage(file + ": the imageconfig file does not exist; check the path");
    }

    @Test
    void unreadableFileSaysPermissionDenied(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("imageconfig");
        Files.writeString(file, "os_version=rhel-8\n");
        if (!file.toFile().setReadable(false) || Files.isReadable(file)) {
            org.junit.jupiter.api.Assumptions.abort("running as root: file permissions are not enforced, cannot test an unreadable file");
        }
        assertThatThrownBy(() -> ConfigLoader.load(file, Overrides.none(), JENKINS))
                .isInstanceOf(ConfigReadException.class)
                .hasMessageContaining("permission denied");
    }

    @Test
    void directoryIsRejectedWithTheFix(@TempDir Path dir) {
        assertThatThrownBy(() -> ConfigLoader.load(dir, Overrides.none(), JENKINS))
                .isInstanceOf(ConfigReadException.class)
                .hasMessage(dir + ": is a directory; give the path of the imageconfig file in it");
    }

    @Test
    void tooLargeFileIsRefusedWithoutReadingIt(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("imageconfig");
        Files.write(file, new byte[ImageConfigParser.MAX_FILE_BYTES + 1]);
        assertThatThrownBy(() -> ConfigLoader.read(file))
                .isInstanceOf(ConfigReadException.class)
                .hasMessageContaining("is this the right file?");
    }

    @Test
    void readAppliesOverridesWithoutValidating(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("imageconfig");
        Files.writeString(file, "vcenter_server=<vcenter-server>\nvcenter_password=\"p\\\"w\" # a note\n");
        ImageConfig config = ConfigLoader.read(file, Overrides.fromMap(Map.of("vcenter_server", "vc.example.com"),
                "overrides"));
        assertThat(config.usableValue(ConfigKey.VCENTER_SERVER)).contains("vc.example.com");
        assertThat(config.value(ConfigKey.VCENTER_PASSWORD)).contains("p\"w");
        assertThat(config.secretKeysSet()).containsExactly("vcenter_password");
    }
}
