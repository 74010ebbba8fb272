package io.jenkins.plugins.capi.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OverridesTest {

    private static ImageConfig base() throws ConfigParseException {
        return new ImageConfigParser().parse("imageconfig",
                "os_version=rockylinux-8\nk8s_version=1.29.4\nimage_name=rocky-8\n".getBytes(StandardCharsets.UTF_8)).config();
    }

    @Test
    void overrideReplacesTheValueInPlaceAndPointsAtTheOverride() throws Exception {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("image_name", "rocky-8-nightly");
        o.put("k8s_version", "1.30.4");
        ParsedConfig p = Overrides.apply(base(), o, "--set");
        assertThat(p.findings()).isEmpty();
        assertThat(p.config().entries().keySet()).containsExactly("os_version", "k8s_version", "image_name");
        assertThat(p.config().k8sVersion()).isEqualTo("1.30.4");
        assertThat(p.config().locationOf("image_name")).isEqualTo(new SourceLocation("--set", 1, 0));
        assertThat(p.config().locationOf("k8s_version")).isEqualTo(new SourceLocation("--set", 2, 0));
        assertThat(p.config().locationOf("os_version").source()).isEqualTo("imageconfig");
        assertThat(p.config().source()).isEqualTo("imageconfig");
    }

    @Test
    void newKeysAreAppendedAndNullOrEmptyMeansUnset() throws Exception {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("airgap", "true");
        o.put("image_name", null);
        ParsedConfig p = Overrides.apply(base(), o, "overrides");
        assertThat(p.config().airgap()).isTrue();
        assertThat(p.config().value("image_name")).isEmpty();
    }

    @Test
    void unknownAndLegacyKeysAreTreatedLikeInTheFile() throws Exception {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("k8s_verison", "1.30.4");
        o.put("rhel_subscription-user", "dev@example.com");
        ParsedConfig p = Overrides.apply(base(), o, "overrides");
        assertThat(p.findings()).hasSize(2).allSatisfy(f -> assertThat(f.severity()).isEqualTo(Severity.WARNING));
        assertThat(p.findings().get(0).hint()).isEqualTo("did you mean `k8s_version`?");
        assertThat(p.findings().get(0).location()).isEqualTo(new SourceLocation("overrides", 1, 0));
        assertThat(p.findings().get(1).message()).contains("rhel_subscription_user");
        assertThat(p.config().get("rhel_subscription_user")).isEqualTo("dev@example.com");
        assertThat(p.config().entry("k8s_verison")).isPresent();
    }

    @Test
    void badKeysAndMultiLineValuesAreErrorsThatHideTheValue() throws Exception {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("bad key", "x");
        o.put("vcenter_password", "abc\nsecret-line");
        o.put("", "y");
        ParsedConfig p = Overrides.apply(base(), o, "overrides");
        assertThat(p.findings()).hasSize(3).allSatisfy(f -> {
            assertThat(f.isError()).isTrue();
            assertThat(f.format()).doesNotContain("secret-line");
        });
        assertThat(p.config().entry("vcenter_password")).isEmpty();
    }

    @Test
    void parsesSetArguments() {
        assertThat(Overrides.parseAssignment("vcenter_network=VM Network=2")).isEqualTo(Map.entry("vcenter_network", "VM Network=2"));
        assertThat(Overrides.parseAssignment("image_name=")).isEqualTo(Map.entry("image_name", ""));
        assertThatThrownBy(() -> Overrides.parseAssignment("s3cret-no-equals")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("s3cret");
        assertThatThrownBy(() -> Overrides.parseAssignment("=x")).isInstanceOf(IllegalArgumentException.class);
    }
}
