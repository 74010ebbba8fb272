package io.jenkins.plugins.capi.jenkins.run;

import hudson.FilePath;
import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import hudson.util.StreamTaskListener;
import io.jenkins.plugins.capi.jenkins.masking.SecretMaskingOutputStream;
import io.jenkins.plugins.capi.logs.SecretMasker;
import java.io.IOException;
import java.nio.charset.Charset;

/**
 * The build log as an agent call writes to it: every line passes the controller's masker on its way into the log.
 * {@link #finish()} waits until every byte the agent sent has arrived, so nothing is lost or reordered after the call.
 */
final class MaskedAgentLog {

    private final FilePath workspace;
    private final SecretMaskingOutputStream masked;
    private final TaskListener listener;

    MaskedAgentLog(FilePath workspace, TaskListener buildListener, SecretMasker mask, Charset charset) {
        this.workspace = workspace;
        this.masked = new SecretMaskingOutputStream(buildListener.getLogger(), mask, charset);
        // StreamTaskListener sends itself to the agent as a remote stream, so agent lines pass this masker.
        this.listener = new StreamTaskListener(masked, charset);
    }

    /** The listener to hand to the agent callable. */
    TaskListener listener() {
        return listener;
    }

    /** After the call: the agent's writes are asynchronous, so wait for them, then end the last line. */
    void finish() throws IOException {
        listener.getLogger().flush();
        syncLog();
        masked.forceEol();
        masked.flush();
    }

    private void syncLog() {
        VirtualChannel channel = workspace.getChannel();
        if (channel == null) {
            return;
        }
        boolean wasInterrupted = Thread.interrupted();
        try {
            channel.syncLocalIO();
        } catch (InterruptedException e) {
            wasInterrupted = true;
        } finally {
            if (wasInterrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
