package io.jenkins.plugins.capi.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class SecretMaskerTest {

    @Test
    void masksTheRawValueWherever_itAppears() {
        SecretMasker m = SecretMasker.of(List.of("hunter2!"));
        assertThat(m.mask("-var password=hunter2! -var x=hunter2!")).isEqualTo("-var password=**** -var x=****");
        assertThat(m.mask("nothing here")).isEqualTo("nothing here");
    }

    @Test
    void masksCommonEncodings() {
        String secret = "p@ss w/rd'\"\\ü";
        SecretMasker m = SecretMasker.of(List.of(secret));
        String url = URLEncoder.encode(secret, StandardCharsets.UTF_8);
        assertThat(m.mask("u=" + url)).isEqualTo("u=****");
        assertThat(m.mask("u=" + url.replace("+", "%20"))).isEqualTo("u=****");
        assertThat(m.mask("u=" + url.toLowerCase().replace("p%40ss", "p%40ss"))).doesNotContain(url.toLowerCase());
        assertThat(m.mask("b=" + Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8))))
                .isEqualTo("b=****");
        assertThat(m.mask("{\"password\": \"p@ss w/rd'\\\"\\\\ü\"}")).isEqualTo("{\"password\": \"****\"}");
        assertThat(m.mask("{\"password\": \"p@ss w/rd'\\\"\\\\\\u00fc\"}")).isEqualTo("{\"password\": \"****\"}");
        assertThat(m.mask("sh -c 'p@ss w/rd'\\''\"\\ü'")).isEqualTo("sh -c '****'");
        assertThat(m.mask("x=p@ss\\ w/rd\\'\\\"\\\\ü")).isEqualTo("x=****");
    }

    @Test
    void masksASecretInsideALongerBase64Text() {
        String basic = Base64.getEncoder().encodeToString("administrator@vsphere.local:Sup3rSecret!".getBytes(StandardCharsets.UTF_8));
        String masked = SecretMasker.of(List.of("Sup3rSecret!")).mask("Authorization: Basic " + basic);
        assertThat(masked).contains("****").doesNotContain(basic);
        byte[] decoded = decodeLenient(masked.substring("Authorization: Basic ".length()));
        assertThat(new String(decoded, StandardCharsets.ISO_8859_1)).doesNotContain("Sup3rSecret");
    }

    @Test
    void skipsValuesShorterThanThreeCharacters() {
        SecretMasker m = SecretMasker.of(List.of("ab", "", "a"));
        assertThat(m.isEmpty()).isTrue();
        assertThat(m.mask("about a cab")).isEqualTo("about a cab");
    }

    @Test
    void aSecretThatContainsAnotherIsMaskedWhole() {
        SecretMasker m = SecretMasker.of(List.of("abc", "xxabcxx"));
        assertThat(m.mask("1 xxabcxx 2 abc")).isEqualTo("1 **** 2 ****");
    }

    @Test
    void overlappingSecretsLeaveNoFragment() {
        SecretMasker m = SecretMasker.of(List.of("abcdef", "defxyz"));
        assertThat(m.mask("[abcdefxyz]")).isEqualTo("[****]");
    }

    @Property
    void noSecretSurvivesMasking(@ForAll @StringLength(min = 3, max = 30) String secret,
                                 @ForAll @StringLength(max = 40) String before,
                                 @ForAll @StringLength(max = 40) String after) {
        String masked = SecretMasker.of(List.of(secret)).mask(before + secret + after);
        assertThat(masked).doesNotContain(secret);
    }

    private static byte[] decodeLenient(String withMask) {
        String cleaned = withMask.replace("****", "AAAA");
        try {
            return Base64.getDecoder().decode(cleaned);
        } catch (IllegalArgumentException e) {
            return cleaned.getBytes(StandardCharsets.ISO_8859_1);
        }
    }
}
