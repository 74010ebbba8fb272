package io.jenkins.plugins.capi.jenkins.masking;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The controller's masking pass, with the cases credentials-binding's issue history lists. */
class SecretMaskingOutputStreamTest {

    @Test
    void masksASecretInTheMiddleOfALine() throws IOException {
        assertEquals(
                "packer build -var password=**** -only=vsphere\n",
                mask(List.of("s3cret!"), "packer build -var password=s3cret! -only=vsphere\n"));
    }

    @Test
    void aSecretContainingAnotherIsMaskedWhole() throws IOException {
        assertEquals("a=**** b=****\n", mask(List.of("abc", "abcdef"), "a=abcdef b=abc\n"));
    }

    @Test
    void aSecretSplitAcrossWritesIsStillMasked() throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (SecretMaskingOutputStream out =
                new SecretMaskingOutputStream(sink, SecretMask.of(List.of("hunter22")), StandardCharsets.UTF_8)) {
            for (byte[] part : List.of(
                    "user pass=hun".getBytes(StandardCharsets.UTF_8),
                    "ter22 done\nnext".getBytes(StandardCharsets.UTF_8))) {
                out.write(part);
            }
            out.forceEol();
        }
        assertEquals("user pass=**** done\nnext", sink.toString(StandardCharsets.UTF_8));
    }

    @Test
    void emptySecretsAreIgnoredInsteadOfMaskingEverything() throws IOException {
        assertEquals("nothing secret here\n", mask(Arrays.asList("", null), "nothing secret here\n"));
    }

    @Test
    void regexCharactersInSecretsAreTakenLiterally() throws IOException {
        assertEquals("pw=**** other=a.c\n", mask(List.of("a.c$(x)"), "pw=a.c$(x) other=a.c\n"));
    }

    @Test
    void multiByteTextSurvivesAndIsMasked() throws IOException {
        assertEquals("Kennwort: **** – fertig ✓\n", mask(List.of("pässwörd"), "Kennwort: pässwörd – fertig ✓\n"));
    }

    @Test
    void withoutSecretsBytesPassUnchanged() throws IOException {
        assertEquals("plain\r\nline\n", mask(List.of(), "plain\r\nline\n"));
    }

    @Test
    void toStringNeverShowsASecret() {
        assertEquals(
                "SecretMask[<redacted>]", SecretMask.of(List.of("top-secret")).toString());
    }

    private static String mask(List<String> secrets, String text) throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (SecretMaskingOutputStream out =
                new SecretMaskingOutputStream(sink, SecretMask.of(secrets), StandardCharsets.UTF_8)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return sink.toString(StandardCharsets.UTF_8);
    }
}
