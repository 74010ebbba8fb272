package io.jenkins.plugins.capi.jenkins.masking;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jenkins.plugins.capi.logs.SecretMasker;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The controller's masking pass: core's masker over the agent's log, line by line, with the cases
 * credentials-binding's issue history lists.
 */
class SecretMaskingOutputStreamTest {

    @Test
    void masksASecretInTheMiddleOfALine() throws IOException {
        assertEquals(
                "packer build -var password=**** -only=vsphere\n",
                mask(List.of("s3cret!"), "packer build -var password=s3cret! -only=vsphere\n"));
    }

    @Test
    void overlappingSecretsLeaveNoFragment() throws IOException {
        assertEquals("x=**** y\n", mask(List.of("abcd", "cdef"), "x=abcdef y\n"));
    }

    /** A two-character secret user name must not blank every "ci" in the log. */
    @Test
    void aVeryShortSecretIsNotMasked() throws IOException {
        assertEquals("ci: checking ci\n", mask(List.of("ci"), "ci: checking ci\n"));
    }

    @Test
    void aSecretSplitAcrossWritesIsStillMasked() throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (SecretMaskingOutputStream out =
                new SecretMaskingOutputStream(sink, SecretMasker.of(List.of("hunter22")), StandardCharsets.UTF_8)) {
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
    void multiByteTextSurvivesAndIsMasked() throws IOException {
        assertEquals("Kennwort: **** – fertig ✓\n", mask(List.of("pässwörd"), "Kennwort: pässwörd – fertig ✓\n"));
    }

    @Test
    void withoutSecretsBytesPassUnchanged() throws IOException {
        assertEquals("plain\r\nline\n", mask(List.of(), "plain\r\nline\n"));
    }

    private static String mask(List<String> secrets, String text) throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (SecretMaskingOutputStream out =
                new SecretMaskingOutputStream(sink, SecretMasker.of(secrets), StandardCharsets.UTF_8)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return sink.toString(StandardCharsets.UTF_8);
    }
}
