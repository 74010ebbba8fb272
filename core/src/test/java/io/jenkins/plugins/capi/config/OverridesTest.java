package io.jenkins.plugins.capi.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
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
        Overrides overrides = Overrides.fromMap(o, "--set");
        ImageConfig c = overrides.applyTo(base());
        assertThat(overrides.findings()).isEmpty();
        assertThat(c.entries().keySet()).containsExactly("os_version", "k8s_version", "image_name");
        assertThat(c.k8sVersion()).isEqualTo("1.30.4");
        assertThat(c.locationOf("image_name")).isEqualTo(new SourceLocation("--set", 1, 0));
        assertThat(c.locationOf("k8s_version")).isEqualTo(new SourceLocation("--set", 2, 0));
        assertThat(c.locationOf("os_version").source()).isEqualTo("imageconfig");
        assertThat(c.source()).isEqualTo("imageconfig");
    }

    @Test
    void newKeysAreAppendedAndNullOrEmptyMeansUnset() throws Exception {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("airgap", "true");
        o.put("image_name", null);
        ImageConfig c = Overrides.fromMap(o, "overrides").applyTo(base());
        assertThat(c.airgap()).isTrue();
        assertThat(c.value("image_name")).isEmpty();
    }

    @Test
    void unknownAndLegacyKeysAreTreatedLikeInTheFile() throws Exception {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("k8s_verison", "1.30.4");
        o.put("rhel_subscription-user", "dev@example.com");
        Overrides overrides = Overrides.fromMap(o, "overrides");
        ImageConfig c = overrides.applyTo(base());
        assertThat(overrides.findings()).hasSize(2).allSatisfy(f -> assertThat(f.severity()).isEqualTo(Severity.WARNING));
        assertThat(overrides.findings().get(0).hint()).isEqualTo("did you mean `k8s_version`?");
        assertThat(overrides.findings().get(0).location()).isEqualTo(new SourceLocation("overrides", 1, 0));
        assertThat(overrides.findings().get(1).message()).contains("rhel_subscription_user");
        assertThat(c.get("rhel_subscription_user")).isEqualTo("dev@example.com");
        assertThat(c.entry("k8s_verison")).isPresent();
    }

    @Test
    void badKeysMultiLineValuesAndSecretsAreErrorsThatHideTheValue() throws Exception {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("bad key", "x");
        o.put("image_name", "abc\nsecret-line");
        o.put("", "y");
        o.put("vcenter_password", "s3cret-over");
        o.put("my_api_token", "s3cret-token");
        Overrides overrides = Overrides.fromMap(o, "overrides");
        assertThat(overrides.findings()).hasSize(6).allSatisfy(f ->
                assertThat(f.format()).doesNotContain("secret-line", "s3cret"));
        assertThat(overrides.findings()).filteredOn(Finding::isError).extracting(f -> f.location().line())
                .containsExactly(1, 2, 3, 4, 5);
        assertThat(overrides.findings().get(3).hint()).contains("rotate it");
        assertThat(overrides.applyTo(base()).entry("vcenter_password")).isEmpty();
        assertThat(overrides.isEmpty()).isTrue();
        assertThat(overrides.toString()).doesNotContain("s3cret");
    }

    @Test
    void setArgumentsSplitAtTheFirstEqualsAndABadOneIsNeverEchoed() {
        Overrides o = Overrides.fromAssignments(List.of("vcenter_network=VM Network=2", "image_name=",
                "MyS3cretPassw0rd", "=x"), "--set");
        assertThat(o.entries()).extracting(ImageConfig.Entry::key, ImageConfig.Entry::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("vcenter_network", "VM Network=2"),
                        org.assertj.core.groups.Tuple.tuple("image_name", ""));
        assertThat(o.findings()).extracting(Finding::format).containsExactly(
                "--set:3: error: expected KEY=VALUE (the argument is not shown: it may hold a secret) (hint: write"
                        + " KEY=VALUE, e.g. k8s_version=1.30.4)",
                "--set:4: error: expected KEY=VALUE (the argument is not shown: it may hold a secret) (hint: write"
                        + " KEY=VALUE, e.g. k8s_version=1.30.4)");
    }

    @Test
    void linesAreReadByTheImageconfigParserWithRealLineNumbers() {
        Overrides o = Overrides.parse("# pinned for the nightly\nk8s_version=\"1.30.4\"\n\nexport image_name='rocky 8'"
                + "\nvcenter_network=VM Network # the default one\nvcenter_password=\"p\\\"w\"\nbroken\n", "overrides");
        assertThat(o.value(ConfigKey.K8S_VERSION)).contains("1.30.4");
        assertThat(o.value(ConfigKey.IMAGE_NAME)).contains("rocky 8");
        assertThat(o.value(ConfigKey.VCENTER_NETWORK)).contains("VM Network");
        assertThat(o.entries()).extracting(ImageConfig.Entry::key).doesNotContain("vcenter_password");
        assertThat(o.findings()).extracting(f -> f.location().toString() + " " + f.severity())
                .containsExactly("overrides:4:1 WARNING", "overrides:6:1 ERROR", "overrides:7:1 ERROR");
        assertThat(o.findings()).allSatisfy(f -> assertThat(f.format()).doesNotContain("p\"w"));
    }
}
