package io.jenkins.plugins.capi.airgap;

/**
 * What the air-gap steps report while they work. Every string is already masked. Calls come from the caller's
 * thread, the thread that streams an image into the engine, or a log-following thread, but never two at once.
 * Implementations must be quick: loading waits while they run.
 */
public interface AirgapEvents {

    /** A message of the tool itself ("loading capi-builder-v4.6.24.tar", "Yum repository ready at …"). */
    void info(String message);

    /** How far reading the archive or loading an image has got. */
    void progress(AirgapProgress progress);

    /** One line of output of an auxiliary process; {@code source} is {@code yum-repo} or {@code kubernetes-pack}. */
    void logLine(String source, String line);

    /** Ignores everything (plan, tests). */
    AirgapEvents NONE = new AirgapEvents() {
        @Override
        public void info(String message) {}

        @Override
        public void progress(AirgapProgress progress) {}

        @Override
        public void logLine(String source, String line) {}
    };
}
