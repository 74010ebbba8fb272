package io.jenkins.plugins.capi.jenkins.masking;

import hudson.console.LineTransformationOutputStream;
import io.jenkins.plugins.capi.logs.SecretMasker;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;

/**
 * The controller's own masking pass over the log the agent sends, with core's {@link SecretMasker} (the one masker:
 * encodings, minimum length, overlapping secrets). Core already masks on the agent, with the file's secrets too;
 * this pass catches anything that slipped through (a tool message) with the secrets the controller knows, the
 * credentials it looked up. Works line by line, so a secret is masked even when it arrives split across writes.
 */
public final class SecretMaskingOutputStream extends LineTransformationOutputStream.Delegating {

    private final SecretMasker masker;
    private final Charset charset;

    public SecretMaskingOutputStream(OutputStream out, SecretMasker masker, Charset charset) {
        super(out);
        this.masker = masker;
        this.charset = charset;
    }

    @Override
    protected void eol(byte[] b, int len) throws IOException {
        if (masker.isEmpty()) {
            out.write(b, 0, len);
            return;
        }
        out.write(masker.mask(new String(b, 0, len, charset)).getBytes(charset));
    }
}
