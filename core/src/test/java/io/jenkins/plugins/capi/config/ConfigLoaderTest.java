package io.jenkins.plugins.capi.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    private static final ValidationOptions JENKINS = new ValidationOptions(CompatibilityMode.WARN, "4.6.24", true, false);

    @Test
    void loadsParsesOverridesAndValidatesInOneCall() throws Exception {
        ConfigLoader.LoadedConfig loaded = ConfigLoader.load(ImageConfigParserTest.fixture("rocky-iso"),
                Map.of("image_name", "rocky-8-nightly"), JENKINS);
        assertThat(loaded.hasErrors()).isFalse();
        assertThat(loaded.findings()).isEmpty();
        assertThat(loaded.config().imageName()).isEqualTo("rocky-8-nightly");
        assertThat(loaded.config().locationOf("image_name").source()).isEqualTo(ConfigLoader.OVERRIDES);
    }

    @Test
    void findingsFromEachStageAreCombinedInOrder(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("imageconfig");
        Files.writeString(file, Files.readString(ImageConfigParserTest.fixture("rocky-iso"))
                + "k8s_verison=1.30.4\nbroken line\n");
        ConfigLoader.LoadedConfig loaded = ConfigLoader.load(file, Map.of("cni_version", "v1.3.0"), "--set", JENKINS);
        assertThat(loaded.findings()).extracting(Finding::format).containsExactly(
                file + ":30:1: warning: `k8s_verison` is not a documented imageconfig key (hint: did you mean `k8s_version`?)",
                file + ":31:1: error: line is not a key=value pair (hint: write key=value, or start the line with # to make it a comment)",
                "--set:1: error: cni_version v1.3.0 starts with a v (hint: drop the v: cni_version=1.3.0)");
        assertThat(loaded.hasErrors()).isTrue();
        assertThat(loaded.errors()).hasSize(2);
    }

    @Test
    void missingFileIsNoSuchFileNamingIt(@TempDir Path dir) {
        Path file = dir.resolve("nope/imageconfig");
        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of(), JENKINS))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessage(file + ": image config file not found");
    }

    @Test
    void unreadableFileSaysPermissionDenied(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("imageconfig");
        Files.writeString(file, "os_version=rhel-8\n");
        if (!file.toFile().setReadable(false) || Files.isReadable(file)) {
            org.junit.jupiter.api.Assumptions.abort("running as root: file permissions are not enforced, cannot test an unreadable file");
        }
        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of(), JENKINS))
                .hasMessage(file + ": cannot read the image config file (permission denied)");
    }

    @Test
    void directoryIsRejected(@TempDir Path dir) {
        assertThatThrownBy(() -> ConfigLoader.load(dir, Map.of(), JENKINS)).hasMessageContaining("is a directory");
    }
}
