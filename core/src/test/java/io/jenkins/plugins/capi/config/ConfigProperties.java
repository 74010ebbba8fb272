package io.jenkins.plugins.capi.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.capi.secrets.BuildSecrets;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

class ConfigProperties {

    private final ImageConfigParser parser = new ImageConfigParser();

    @Property(tries = 2000)
    void parserThrowsNothingButItsOwnExceptionForAnyBytes(@ForAll @Size(max = 600) byte[] content) {
        parseOnlyThrowsOwnException(content);
    }

    @Property(tries = 3000)
    void parserThrowsNothingButItsOwnExceptionForConfigLikeText(@ForAll("configLikeText") String text) {
        parseOnlyThrowsOwnException(text.getBytes(StandardCharsets.UTF_8));
    }

    private void parseOnlyThrowsOwnException(byte[] content) {
        try {
            ParsedConfig p = parser.parse("fuzz", content);
            assertThat(p.findings()).allSatisfy(f -> {
                assertThat(f.location().source()).isEqualTo("fuzz");
                assertThat(f.location().line()).isPositive();
                assertThat(f.location().column()).isPositive();
            });
            // whatever was read validates and renders without blowing up
            ImageConfigValidator.validate(p.config(), ValidationOptions.DEFAULTS);
            ImageConfigWriter.renderRedacted(p.config(), BuildSecrets.NONE);
        } catch (ConfigParseException e) {
            assertThat(e.location().source()).isEqualTo("fuzz");
        }
    }

    /** Lines built from the pieces that matter to the reader: keys, quotes, escapes, comments, CR, BOM. */
    @Provide
    Arbitrary<String> configLikeText() {
        Arbitrary<String> piece = Arbitraries.of("os_version", "vcenter_password", "rhel_subscription-user", "x",
                "=", "==", "'", "\"", "\\", "\\'", "#", " ", "\t", "\r", "\n", "\r\n", "$", "`", "<a>", "\uFEFF",
                "\u00e9", "\u2603", "\ud83d\ude00", "\u0000", "export ", "-", "1.30.4", "'\\''", "abc");
        return piece.list().ofMaxSize(60).map(l -> String.join("", l));
    }

    @Property(tries = 500)
    void writtenConfigReadsBackUnchanged(@ForAll("configs") Map<String, String> values) throws Exception {
        ImageConfig config = ImageConfig.of("generated", values);
        String text = ImageConfigWriter.render(config, BuildSecrets.NONE);
        ParsedConfig back = parser.parse("rendered", text.getBytes(StandardCharsets.UTF_8));
        assertThat(back.findings()).filteredOn(Finding::isError).isEmpty();
        assertThat(back.findings()).allSatisfy(f -> assertThat(f.message()).contains("not a documented imageconfig key"));
        values.forEach((k, v) -> assertThat(back.config().entry(k).orElseThrow().value()).as(k).isEqualTo(v));
        assertThat(text.lines().count()).isGreaterThanOrEqualTo(TemplateLayout.LINE_COUNT);
    }

    @Provide
    Arbitrary<Map<String, String>> configs() {
        Arbitrary<String> value = Arbitraries.oneOf(
                Arbitraries.strings().withCharRange('\u0001', '\u00ff').ofMaxLength(40)
                        .filter(s -> s.indexOf('\n') < 0 && s.indexOf('\r') < 0),
                Arbitraries.strings().withChars(" '\"\\$`#=;&|<>(){}*?!~\t").withCharRange('a', 'c').ofMaxLength(20),
                Arbitraries.strings().withCharRange('\u0100', '\ud7ff').ofMaxLength(10));
        Arbitrary<String> knownKey = Arbitraries.of(Arrays.stream(ConfigKey.values()).map(ConfigKey::key).toList());
        Arbitrary<String> unknownKey = Arbitraries.strings().withCharRange('a', 'z').withChars('_', '-', '9')
                .ofMinLength(1).ofMaxLength(12).map(s -> "x_" + s)
                .filter(k -> ConfigKey.byLegacyName(k).isEmpty());
        Arbitrary<String> key = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, knownKey), net.jqwik.api.Tuple.of(1, unknownKey));
        return Arbitraries.maps(key, value).ofMaxSize(25).map(LinkedHashMap::new);
    }

    @Property(tries = 300)
    void validatorNeverQuotesAPlantedSecret(@ForAll("plantedConfigs") Map<String, String> values) {
        ImageConfig config = ImageConfig.of("imageconfig", values);
        for (boolean supplied : List.of(true, false)) {
            List<Finding> findings = ImageConfigValidator.validate(config,
                    new ValidationOptions(CompatibilityMode.STRICT, null, Supplied.keys(supplied, supplied)));
            assertThat(findings).allSatisfy(f -> assertThat(f.format()).doesNotContain(PLANTED));
        }
        assertThat(ImageConfigWriter.renderRedacted(config, BuildSecrets.NONE)).doesNotContain(PLANTED);
        assertThat(config.toString()).doesNotContain(PLANTED);
    }

    static final String PLANTED = "Zq8-planted-Secret";

    @Provide
    Arbitrary<Map<String, String>> plantedConfigs() {
        Arbitrary<String> secretValue = Arbitraries.of("", "<", ">", "'", " x", "***", "$", "/a/../b")
                .list().ofMaxSize(3).map(l -> String.join("", l))
                .flatMap(prefix -> Arbitraries.of("", ">", "/x").map(suffix -> prefix + PLANTED + suffix));
        Arbitrary<String> ordinary = Arbitraries.of("", "rhel-8", "rockylinux-9", "1.30.4", "v1.30.4", "true",
                "yes", "<vcenter-server>", "https://h/x-1.7.12.tgz", "a b", "..", "vc.example.com:0");
        return Combinators.combine(ordinary.list().ofSize(ConfigKey.values().length), secretValue.list().ofSize(5))
                .as((plain, secrets) -> {
                    Map<String, String> m = new LinkedHashMap<>();
                    ConfigKey[] keys = ConfigKey.values();
                    for (int i = 0; i < keys.length; i++) {
                        m.put(keys[i].key(), plain.get(i));
                    }
                    m.put(ConfigKey.VCENTER_PASSWORD.key(), secrets.get(0));
                    m.put(ConfigKey.RHEL_SUBSCRIPTION_PASS.key(), secrets.get(1));
                    m.put(ConfigKey.AWS_SECRET_KEY.key(), secrets.get(2));
                    m.put(ConfigKey.AZURE_CLIENT_SECRET.key(), secrets.get(3));
                    m.put("vcenter_pasword", secrets.get(4));
                    return m;
                });
    }
}
