package io.jenkins.plugins.capi.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ImageConfigParserTest {

    private final ImageConfigParser parser = new ImageConfigParser();

    static Path fixture(String name) {
        try {
            return Path.of(ImageConfigParserTest.class.getResource("/imageconfig/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private ParsedConfig parse(String text) throws ConfigParseException {
        return parser.parse("imageconfig", text.getBytes(StandardCharsets.UTF_8));
    }

    private static Finding only(ParsedConfig p) {
        assertThat(p.findings()).hasSize(1);
        return p.findings().get(0);
    }

    /** Value syntax: what the user writes after {@code key=} and what the builder gets. */
    static Stream<Arguments> values() {
        return Stream.of(
                Arguments.of("rocky-8", "rocky-8"),
                Arguments.of("'VM Network'", "VM Network"),
                Arguments.of("\"VM Network\"", "VM Network"),
                Arguments.of("'p#ss=w rd'", "p#ss=w rd"),
                Arguments.of("\"a#b c=d\"", "a#b c=d"),
                Arguments.of("a#b", "a#b"),
                Arguments.of("a=b=c", "a=b=c"),
                Arguments.of("value   # trailing comment", "value"),
                Arguments.of("value   ", "value"),
                Arguments.of("value\t", "value"),
                Arguments.of("''", ""),
                Arguments.of("\"\"", ""),
                Arguments.of("", ""),
                Arguments.of("'it'\\''s'", "it's"),
                Arguments.of("\"say \\\"hi\\\" \\\\ \\$HOME\"", "say \"hi\" \\ $HOME"),
                Arguments.of("\"C:\\dir\"", "C:\\dir"),
                Arguments.of("a\\ b", "a b"),
                Arguments.of("'a'b\"c\"", "abc"),
                Arguments.of("'ünïcödé ☃'", "ünïcödé ☃"));
    }

    @ParameterizedTest(name = "key={0} reads as [{1}]")
    @MethodSource("values")
    void readsValuesLikeAShell(String written, String expected) throws Exception {
        ParsedConfig p = parse("image_name=" + written + "\n");
        assertThat(p.findings()).isEmpty();
        assertThat(p.config().entry("image_name").orElseThrow().value()).isEqualTo(expected);
    }

    @Test
    void readsTheUnfilledVendorTemplateWithEveryKeyOnItsTemplateLine() throws Exception {
        ParsedConfig p = parser.parse(fixture("template-unfilled"));
        assertThat(p.config().entries()).hasSize((int) TemplateLayout.lines().stream()
                .filter(l -> l instanceof TemplateLayout.KeyLine).count() - 1); // rhel_subscription_pass is commented
        for (ConfigKey k : ConfigKey.values()) {
            if (k != ConfigKey.RHEL_SUBSCRIPTION_PASS) {
                assertThat(p.config().locationOf(k.key()).line()).as(k.key()).isEqualTo(TemplateLayout.lineOf(k));
            }
        }
        assertThat(p.config().get("airgap_ip")).isEmpty();
        // the template's hyphenated rhel_subscription-user is the only finding
        Finding f = only(p);
        assertThat(f.severity()).isEqualTo(Severity.WARNING);
        assertThat(f.location().line()).isEqualTo(26);
        assertThat(f.key()).isEqualTo("rhel_subscription_user");
        assertThat(p.config().entry("rhel_subscription_user")).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"rocky-iso", "rhel-connected", "rhel-airgap", "rocky-vm-template", "rocky-airgap"})
    void readsEveryExampleWithoutFindings(String name) throws Exception {
        ParsedConfig p = parser.parse(fixture(name));
        assertThat(p.findings()).isEmpty();
        assertThat(p.config().source()).endsWith(name);
        assertThat(p.config().osVersion()).isNotEmpty();
    }

    @Test
    void keepsFileOrderAndLineAndColumnOfEachKey() throws Exception {
        ParsedConfig p = parse("# comment\n\n  os_version=rhel-8\nimage_type=fips\n");
        assertThat(p.config().entries().keySet()).containsExactly("os_version", "image_type");
        assertThat(p.config().locationOf("os_version")).isEqualTo(new SourceLocation("imageconfig", 3, 3));
        assertThat(p.config().locationOf("image_type")).isEqualTo(new SourceLocation("imageconfig", 4, 1));
    }

    @Test
    void emptyValueIsKeptAsUnset() throws Exception {
        ParsedConfig p = parse("vcenter_template=\n");
        assertThat(p.config().entry("vcenter_template")).isPresent();
        assertThat(p.config().value("vcenter_template")).isEmpty();
    }

    @Test
    void crlfLineEndsAndAByteOrderMarkAreAccepted() throws Exception {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] body = "os_version=rockylinux-8\r\nimage_name='rocky 8'\r\n\r\nairgap=false\r\n".getBytes(StandardCharsets.UTF_8);
        byte[] content = new byte[bom.length + body.length];
        System.arraycopy(bom, 0, content, 0, bom.length);
        System.arraycopy(body, 0, content, bom.length, body.length);
        ParsedConfig p = parser.parse("imageconfig", content);
        assertThat(p.findings()).isEmpty();
        assertThat(p.config().osVersion()).isEqualTo("rockylinux-8");
        assertThat(p.config().imageName()).isEqualTo("rocky 8");
        assertThat(p.config().locationOf("os_version").column()).isEqualTo(1);
        assertThat(p.config().locationOf("airgap").line()).isEqualTo(4);
    }

    @Test
    void fileWithoutFinalNewlineIsRead() throws Exception {
        assertThat(parse("os_version=rhel-9").config().osVersion()).isEqualTo("rhel-9");
    }

    /** Broken lines: the text, the expected line and column, and words the message must contain. */
    static Stream<Arguments> brokenLines() {
        return Stream.of(
                Arguments.of("os_version=rhel-8\njust some words\n", 2, 1, "not a key=value pair"),
                Arguments.of("os_version=rhel-8\n=value\n", 2, 1, "key is missing"),
                Arguments.of("os_version=rhel-8\nk8s.version=1.30.4\n", 2, 4, "invalid character '.' in key"),
                Arguments.of("9lives=x\n", 1, 1, "invalid character '9' in key"),
                Arguments.of("image_name='rocky 8\n", 1, 12, "single quote opened here is not closed"),
                Arguments.of("image_name=\"rocky 8\n", 1, 12, "double quote opened here is not closed"),
                Arguments.of("image_name=rocky\\\n", 1, 17, "ends with a backslash"),
                Arguments.of("vcenter server=x\n", 1, 8, "unexpected space in the key"));
    }

    @ParameterizedTest(name = "{3}")
    @MethodSource("brokenLines")
    void brokenLineIsAnErrorWithLineAndColumn(String text, int line, int column, String message) throws Exception {
        List<Finding> errors = parse(text).findings().stream().filter(Finding::isError).toList();
        assertThat(errors).hasSize(1);
        Finding f = errors.get(0);
        assertThat(f.location()).isEqualTo(new SourceLocation("imageconfig", line, column));
        assertThat(f.message()).contains(message);
        assertThat(f.hint()).isNotBlank();
    }

    @Test
    void spacesAroundTheEqualsSignAreWarnedAndTolerated() throws Exception {
        ParsedConfig p = parse("image_name = rocky-8\n");
        assertThat(p.config().imageName()).isEqualTo("rocky-8");
        assertThat(p.findings()).extracting(Finding::severity).containsOnly(Severity.WARNING);
        assertThat(p.findings()).extracting(Finding::message)
                .containsExactly("space before '='", "space after '='; the value is read without it");
    }

    @Test
    void exportPrefixIsWarnedAndIgnored() throws Exception {
        ParsedConfig p = parse("export image_name=rocky-8\n");
        assertThat(p.config().imageName()).isEqualTo("rocky-8");
        assertThat(only(p).message()).contains("export");
    }

    @Test
    void shellExpansionCharactersAreWarnedWhenNotSingleQuoted() throws Exception {
        Finding f = only(parse("image_name=rocky-$USER\n"));
        assertThat(f.severity()).isEqualTo(Severity.WARNING);
        assertThat(f.message()).contains("`$`");
        assertThat(f.hint()).contains("single quotes");
        assertThat(parse("image_name='rocky-$USER'\n").findings()).isEmpty();
    }

    @Test
    void duplicateKeyIsAnErrorNamingBothLines() throws Exception {
        ParsedConfig p = parse("k8s_version=1.30.4\nos_version=rhel-8\nk8s_version=1.29.4\n");
        Finding f = only(p);
        assertThat(f.isError()).isTrue();
        assertThat(f.key()).isEqualTo("k8s_version");
        assertThat(f.location().line()).isEqualTo(3);
        assertThat(f.message()).isEqualTo("`k8s_version` is set twice: on line 1 and again on line 3");
        // like a shell, the last assignment counts
        assertThat(p.config().k8sVersion()).isEqualTo("1.29.4");
    }

    @Test
    void legacyAndCurrentSpellingOfOneKeyAreADuplicate() throws Exception {
        ParsedConfig p = parse("rhel_subscription-user=a\nrhel_subscription_user=b\n");
        assertThat(p.findings()).extracting(Finding::message).anySatisfy(m ->
                assertThat(m).isEqualTo("`rhel_subscription_user` is set twice: on line 1 and again on line 2"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("legacySpellings")
    void legacySpellingsAreNormalisedWithAWarning(String written, String normalised) throws Exception {
        ParsedConfig p = parse(written + "=x\n");
        Finding f = only(p);
        assertThat(f.severity()).isEqualTo(Severity.WARNING);
        assertThat(f.location()).isEqualTo(new SourceLocation("imageconfig", 1, 1));
        assertThat(f.message()).contains(written, normalised);
        assertThat(p.config().entries()).containsOnlyKeys(normalised);
    }

    static Stream<Arguments> legacySpellings() {
        return Stream.of(Arguments.of("rhel_subscription-user", "rhel_subscription_user"),
                Arguments.of("rhel_subscripocky-8user", "rhel_subscription_user"),
                Arguments.of("os_versions", "os_version"));
    }

    @ParameterizedTest(name = "{0} suggests {1}")
    @MethodSource("typos")
    void unknownKeysAreKeptAndWarnedWithASuggestion(String written, String suggestion) throws Exception {
        ParsedConfig p = parse("\n" + written + "=1.30.4\n");
        Finding f = only(p);
        assertThat(f.severity()).isEqualTo(Severity.WARNING);
        assertThat(f.location()).isEqualTo(new SourceLocation("imageconfig", 2, 1));
        assertThat(f.message()).isEqualTo("`" + written + "` is not a documented imageconfig key");
        assertThat(f.hint()).isEqualTo("did you mean `" + suggestion + "`?");
        assertThat(p.config().entry(written)).isPresent();
    }

    static Stream<Arguments> typos() {
        return Stream.of(Arguments.of("k8s_verison", "k8s_version"),
                Arguments.of("K8S_VERSION", "k8s_version"),
                Arguments.of("vcenter_pasword", "vcenter_password"),
                Arguments.of("vcenter-server", "vcenter_server"),
                Arguments.of("iso_checksun", "iso_checksum"),
                Arguments.of("airgap-ip", "airgap_ip"));
    }

    @Test
    void unknownKeyFarFromAnyKnownKeyGetsNoGuess() throws Exception {
        Finding f = only(parse("build_timeout=3h\n"));
        assertThat(f.hint()).doesNotContain("did you mean").contains("the list of keys in the documentation");
    }

    @Test
    void invalidUtf8IsAnErrorOnItsLineAndTheRestIsRead() throws Exception {
        byte[] content = "os_version=rhel-8\nimage_name=ro\u00ffcky\nimage_type=fips\n".getBytes(StandardCharsets.ISO_8859_1);
        ParsedConfig p = parser.parse("imageconfig", content);
        Finding f = only(p);
        assertThat(f.isError()).isTrue();
        assertThat(f.location()).isEqualTo(new SourceLocation("imageconfig", 2, 14));
        assertThat(f.message()).contains("not valid UTF-8");
        assertThat(p.config().imageType()).isEqualTo("fips");
        assertThat(p.config().entry("image_name")).isEmpty();
    }

    @Test
    void nulByteIsAnErrorWithItsColumn() throws Exception {
        Finding f = only(parse("os_version=rhel-8\nimage_name=ab\0c\n"));
        assertThat(f.location()).isEqualTo(new SourceLocation("imageconfig", 2, 14));
        assertThat(f.message()).contains("NUL");
    }

    @Test
    void loneCarriageReturnIsAnError() throws Exception {
        ParsedConfig p = parse("os_version=rhel-8\nimage_name=a\rb\r\r\nimage_type=fips\r\n");
        Finding f = only(p);
        assertThat(f.location()).isEqualTo(new SourceLocation("imageconfig", 2, 13));
        assertThat(f.message()).contains("carriage return");
        assertThat(p.config().imageType()).isEqualTo("fips");
    }

    @Test
    void veryLongLineIsAnErrorAndOtherLinesAreStillRead() throws Exception {
        String text = "os_version=rhel-8\nimage_name=" + "x".repeat(ImageConfigParser.MAX_LINE_BYTES) + "\nimage_type=fips\n";
        ParsedConfig p = parse(text);
        Finding f = only(p);
        assertThat(f.location()).isEqualTo(new SourceLocation("imageconfig", 2, 1));
        assertThat(f.message()).contains("65547 bytes long", "more than the 65536").doesNotContain("xxxx");
        assertThat(p.config().imageType()).isEqualTo("fips");
    }

    @Test
    void lineOfExactlyTheLimitIsAccepted() throws Exception {
        String value = "x".repeat(ImageConfigParser.MAX_LINE_BYTES - "image_name=".length());
        assertThat(parse("image_name=" + value + "\n").config().imageName()).hasSize(value.length());
    }

    @Test
    void fileLargerThanTheLimitIsRejectedWithItsName() {
        byte[] big = new byte[ImageConfigParser.MAX_FILE_BYTES + 1];
        assertThatThrownBy(() -> parser.parse("big.bin", big))
                .isInstanceOf(ConfigParseException.class)
                .hasMessageStartingWith("big.bin: file is")
                .satisfies(e -> assertThat(((ConfigParseException) e).location().source()).isEqualTo("big.bin"));
    }

    @Test
    void binaryFileIsRejectedAfterTooManyBrokenLines() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i <= ImageConfigParser.MAX_ERRORS; i++) {
            b.append("\0garbage\n");
        }
        assertThatThrownBy(() -> parse(b.toString())).isInstanceOf(ConfigParseException.class)
                .hasMessageContaining("does not look like an imageconfig file");
    }

    @Test
    void missingFileRaisesNoSuchFile(@TempDir Path dir) {
        assertThatThrownBy(() -> parser.parse(dir.resolve("imageconfig"))).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void anUnquotedValueRunsToTheEndOfTheLineAndABlankHashStartsAComment() throws Exception {
        ParsedConfig p = parse("vcenter_network=VM Network\nvcenter_folder=Team A/templates   # where they go\n"
                + "image_name=rocky 8 'and more'\nvcenter_datastore=ds#1\n");
        assertThat(p.findings()).isEmpty();
        assertThat(p.config().vcenterNetwork()).isEqualTo("VM Network");
        assertThat(p.config().vcenterFolder()).isEqualTo("Team A/templates");
        assertThat(p.config().imageName()).isEqualTo("rocky 8 and more");
        assertThat(p.config().vcenterDatastore()).isEqualTo("ds#1");
        assertThat(ImageConfigWriter.render(p.config(), null)).contains("vcenter_network='VM Network'\n");
    }

    @Test
    void findingsNeverQuoteASecretValue() throws Exception {
        String secret = "S3cr3t-Value-7781";
        String text = "vcenter_password='" + secret + "\n"        // unterminated quote
                + "rhel_subscription_pass=" + secret + " more\n"  // unquoted space
                + "vcenter_pasword=" + secret + "\n"             // unknown key
                + "vcenter_password=" + secret + "$x\n";         // duplicate + expansion
        ParsedConfig p = parse(text);
        assertThat(p.findings()).hasSizeGreaterThanOrEqualTo(4);
        assertThat(p.findings()).allSatisfy(f -> assertThat(f.format()).doesNotContain(secret));
        assertThat(p.config().toString()).doesNotContain(secret);
    }

    @Test
    void readsAFileFromDisk(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("imageconfig");
        java.nio.file.Files.writeString(file, "os_version=rockylinux-9\n");
        ParsedConfig p = parser.parse(file);
        assertThat(p.config().locationOf("os_version").source()).isEqualTo(file.toString());
    }
}
