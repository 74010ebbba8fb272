package io.jenkins.plugins.capi.config;

import io.jenkins.plugins.capi.secrets.Credential;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.capi.secrets.BuildSecrets;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ImageConfigWriterTest {

    private static ParsedConfig parse(String text) throws ConfigParseException {
        return new ImageConfigParser().parse("rendered", text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void writesTheSeventyOneLineLayoutWithKeysOnTheDocumentedLines() throws Exception {
        ParsedConfig source = new ImageConfigParser().parse(ImageConfigParserTest.fixture("rocky-iso"));
        String text = ImageConfigWriter.render(source.config(), BuildSecrets.NONE);
        List<String> lines = text.lines().toList();
        assertThat(lines).hasSize(71);
        // the line numbers the vendor guides highlight for the Rocky ISO, RHEL, VM and airgap variants
        Map<Integer, String> documented = Map.ofEntries(Map.entry(4, "os_version="), Map.entry(5, "image_type="),
                Map.entry(9, "image_name="), Map.entry(13, "cloud_type="), Map.entry(19, "k8s_version="),
                Map.entry(22, "crictl_version="), Map.entry(26, "rhel_subscription_user="),
                Map.entry(27, "rhel_subscription_pass="), Map.entry(30, "iso_name="), Map.entry(31, "iso_checksum="),
                Map.entry(38, "vcenter_server="), Map.entry(46, "vcenter_resource_pool="),
                Map.entry(49, "vcenter_template="), Map.entry(64, "airgap="), Map.entry(65, "airgap_ip="),
                Map.entry(71, "cert_url="));
        documented.forEach((line, prefix) -> assertThat(lines.get(line - 1)).as("line " + line).startsWith(prefix));
        assertThat(lines.get(42)).isEqualTo("vcenter_network='VM Network'");
        assertThat(text).doesNotContain("rhel_subscription-user").endsWith("cert_url=\n");
    }

    @Test
    void renderedFileReadsBackToTheSameValuesWithoutFindings() throws Exception {
        for (String name : List.of("rocky-iso", "rhel-connected", "rhel-airgap", "rocky-vm-template", "rocky-airgap")) {
            ImageConfig original = new ImageConfigParser().parse(ImageConfigParserTest.fixture(name)).config();
            ParsedConfig back = parse(ImageConfigWriter.render(original, BuildSecrets.NONE));
            assertThat(back.findings()).as(name).isEmpty();
            original.entries().values().forEach(e ->
                    assertThat(back.config().get(e.key())).as(name + " " + e.key()).isEqualTo(e.value()));
        }
    }

    static Stream<Arguments> quoting() {
        return Stream.of(Arguments.of("rocky-8", "rocky-8"),
                Arguments.of("demo@vsphere.local", "demo@vsphere.local"),
                Arguments.of("https://h.example.com:8443/a/b.tgz", "https://h.example.com:8443/a/b.tgz"),
                Arguments.of("VM Network", "'VM Network'"),
                Arguments.of("it's", "'it'\\''s'"),
                Arguments.of("p$ss", "'p$ss'"),
                Arguments.of("a`id`", "'a`id`'"),
                Arguments.of("x#y", "'x#y'"),
                Arguments.of("back\\slash", "'back\\slash'"),
                Arguments.of("\"dq\"", "'\"dq\"'"),
                Arguments.of("~/x", "'~/x'"),
                Arguments.of("a;b&c|d", "'a;b&c|d'"),
                Arguments.of("", ""));
    }

    @ParameterizedTest(name = "[{0}] -> {1}")
    @MethodSource("quoting")
    void quotesValuesForAShellStyleReader(String value, String written) throws Exception {
        assertThat(ImageConfigWriter.quote(value)).isEqualTo(written);
        ParsedConfig back = parse("image_name=" + written + "\n");
        assertThat(back.config().entry("image_name").orElseThrow().value()).isEqualTo(value);
        assertThat(back.findings()).isEmpty();
    }

    @Test
    void suppliedCredentialsWinOverTheFile() throws Exception {
        ImageConfig config = parse("vcenter_user=file-user\nvcenter_password=file-pass\n"
                + "rhel_subscription-user=file-rhel\nrhel_subscription_pass=file-rhel-pass\n").config();
        BuildSecrets secrets = BuildSecrets.vcenter("jenkins@vsphere.local", "J3nkins'pass word")
                .withRhel(Credential.of("rh@example.com", "rh$pass"));
        ImageConfig back = parse(ImageConfigWriter.render(config, secrets)).config();
        assertThat(back.vcenterUser()).isEqualTo("jenkins@vsphere.local");
        assertThat(back.get("vcenter_password")).isEqualTo("J3nkins'pass word");
        assertThat(back.get("rhel_subscription_user")).isEqualTo("rh@example.com");
        assertThat(back.get("rhel_subscription_pass")).isEqualTo("rh$pass");
        // without supplied credentials the file's values stay
        ImageConfig fileOnly = parse(ImageConfigWriter.render(config, null)).config();
        assertThat(fileOnly.get("vcenter_password")).isEqualTo("file-pass");
        assertThat(fileOnly.get("rhel_subscription_user")).isEqualTo("file-rhel");
    }

    @Test
    void redactedRenderingHidesEverySecret() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("vcenter_password", "file-pass-111");
        values.put("aws_secret_key", "aws-222");
        values.put("azure_client_secret", "azure-333");
        values.put("vcenter_pasword", "typo-444");
        values.put("my_token", "token-555");
        values.put("team", "platform");
        ImageConfig config = ImageConfig.of("imageconfig", values);
        String text = ImageConfigWriter.renderRedacted(config, BuildSecrets.vcenter("u", "jenkins-666").withRhel(Credential.of("r", "rhel-777")));
        assertThat(text).doesNotContain("file-pass-111", "aws-222", "azure-333", "typo-444", "token-555",
                "jenkins-666", "rhel-777");
        assertThat(text).contains("vcenter_password=<redacted>", "rhel_subscription_pass=<redacted>",
                "aws_secret_key=<redacted>", "vcenter_pasword=<redacted>", "my_token=<redacted>",
                "vcenter_user=u", "team=platform", "azure_client_id=\n");
    }

    @Test
    void unknownKeysGoToAnAdditionalSection() throws Exception {
        ImageConfig config = parse("team=platform\nos_version=rhel-8\nbuild_note='two words'\n").config();
        String text = ImageConfigWriter.render(config, BuildSecrets.NONE);
        List<String> lines = text.lines().toList();
        assertThat(lines).hasSize(75);
        assertThat(lines.subList(71, 75)).containsExactly("", "# Additional keys (not in the documented template)",
                "team=platform", "build_note='two words'");
    }

    @Test
    void legacySpellingInAProgrammaticConfigIsWrittenInTheDocumentedForm() {
        ImageConfig config = ImageConfig.of("x", Map.of("rhel_subscription-user", "dev@example.com", "os_versions", "rhel-9"));
        String text = ImageConfigWriter.render(config, BuildSecrets.NONE);
        assertThat(text).contains("\nrhel_subscription_user=dev@example.com\n", "\nos_version=rhel-9\n")
                .doesNotContain("subscription-user", "os_versions");
    }

    @Test
    void valueWithALineBreakCannotBeWrittenAndTheMessageHidesIt() {
        ImageConfig config = ImageConfig.of("x", Map.of("vcenter_password", "line1\nline2-secret"));
        assertThatThrownBy(() -> ImageConfigWriter.render(config, BuildSecrets.NONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("vcenter_password").hasMessageNotContaining("line2-secret");
    }
}
