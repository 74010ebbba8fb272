package io.jenkins.plugins.capi.jenkins.masking;

import hudson.console.LineTransformationOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;

/**
 * The controller's own masking pass over the log the agent sends: core already masks on the agent, this catches
 * anything that slipped through (a secret the agent did not know, a tool message). Works line by line, so a
 * secret is masked even when it arrives split across several writes.
 */
public final class SecretMaskingOutputStream extends LineTransformationOutputStream.Delegating {

    private final SecretMask mask;
    private final Charset charset;

    public SecretMaskingOutputStream(OutputStream out, SecretMask mask, Charset charset) {
        super(out);
        this.mask = mask;
        this.charset = charset;
    }

    @Override
    protected void eol(byte[] b, int len) throws IOException {
        if (mask.isEmpty()) {
            out.write(b, 0, len);
            return;
        }
        out.write(mask.apply(new String(b, 0, len, charset)).getBytes(charset));
    }
}
