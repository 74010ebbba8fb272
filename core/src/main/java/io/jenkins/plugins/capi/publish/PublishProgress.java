package io.jenkins.plugins.capi.publish;

/**
 * One step of one target, as it happens.
 *
 * @param bytesSent  for {@link Stage#UPLOADING}: bytes sent so far; else 0
 * @param bytesTotal for {@link Stage#UPLOADING}: bytes to send; else 0
 */
public record PublishProgress(String target, Stage stage, long bytesSent, long bytesTotal, String message) {

    public enum Stage { CHECKING, UPLOADING, CLONING, TEMPLATE_READY, TAGGING, SWAPPING, CONTENT_LIBRARY, PRUNING, DONE, FAILED }

    /** {@code [target] message}, with a percentage while uploading. */
    public String line() {
        String pct = stage == Stage.UPLOADING && bytesTotal > 0 ? " (" + (bytesSent * 100 / bytesTotal) + "%)" : "";
        return "[" + target + "] " + message + pct;
    }
}
