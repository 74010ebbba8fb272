package io.jenkins.plugins.capi.airgap;

/** Hands events on one at a time: loading, log following and the caller's thread may report at once. */
final class SerialEvents implements AirgapEvents {

    private final AirgapEvents delegate;

    private SerialEvents(AirgapEvents delegate) {
        this.delegate = delegate;
    }

    static AirgapEvents of(AirgapEvents events) {
        return events instanceof SerialEvents ? events : new SerialEvents(events == null ? NONE : events);
    }

    @Override
    public synchronized void info(String message) {
        delegate.info(message);
    }

    @Override
    public synchronized void progress(AirgapProgress progress) {
        delegate.progress(progress);
    }

    @Override
    public synchronized void logLine(String source, String line) {
        delegate.logLine(source, line);
    }
}
