package io.jenkins.plugins.capi.airgap;

import java.util.function.LongSupplier;

/** Turns a byte position into progress events: one at the start, then at most one per 5 % or 5 s, and one at the end. */
final class ProgressReporter {

    private static final long INTERVAL_NANOS = 5_000_000_000L;

    private final AirgapEvents events;
    private final AirgapProgress.Step step;
    private final LongSupplier position;
    private final long total;
    private String subject;
    private long lastNanos;
    private int lastPercent = -100;

    ProgressReporter(AirgapEvents events, AirgapProgress.Step step, String subject, LongSupplier position, long total) {
        this.events = events;
        this.step = step;
        this.subject = subject;
        this.position = position;
        this.total = total;
    }

    void subject(String s) {
        subject = s;
    }

    void report() {
        emit(position.getAsLong());
    }

    void maybeReport() {
        long done = position.getAsLong();
        int pct = total > 0 ? (int) (done * 100 / total) : -1;
        if (pct >= lastPercent + 5 || System.nanoTime() - lastNanos >= INTERVAL_NANOS) {
            emit(done);
        }
    }

    private void emit(long done) {
        lastNanos = System.nanoTime();
        lastPercent = total > 0 ? (int) (done * 100 / total) : lastPercent;
        events.progress(new AirgapProgress(step, subject, done, total));
    }
}
