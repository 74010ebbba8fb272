package io.jenkins.plugins.capi.logs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The path every byte of the builder's log takes: split into lines (per stream), strip ANSI codes, mask secrets,
 * bound the length, keep a short tail for failure classification, detect progress, hand to the sink. No line
 * reaches the sink unmasked. Memory is bounded by the line limit and the tail size, never by the log volume.
 * The stream callbacks and the heartbeat timer may call from different threads; calls are serialised.
 */
public final class LogPipeline {

    public static final int DEFAULT_MAX_LINE_CHARS = 16 * 1024;
    public static final int DEFAULT_TAIL_LINES = 400;

    private final SecretMasker masker;
    private final LogSink sink;
    private final Clock clock;
    private final int maxLineChars;
    private final LineSplitter stdout;
    private final LineSplitter stderr;
    private final LogTail tail;
    private final PhaseDetector detector;
    private long lines;
    private long bytes;

    public LogPipeline(SecretMasker masker, LogSink sink, Clock clock, Instant started) {
        this(masker, sink, clock, started, DEFAULT_MAX_LINE_CHARS, DEFAULT_TAIL_LINES);
    }

    public LogPipeline(SecretMasker masker, LogSink sink, Clock clock, Instant started, int maxLineChars,
                       int tailLines) {
        this.masker = masker;
        this.sink = sink;
        this.clock = clock;
        this.maxLineChars = maxLineChars;
        // Slack so a secret that starts before the cut is still whole when it is masked.
        int bufferBytes = maxLineChars + 4 * masker.longestForm() + 4;
        this.stdout = new LineSplitter(bufferBytes, this::onLine);
        this.stderr = new LineSplitter(bufferBytes, this::onLine);
        this.tail = new LogTail(tailLines);
        this.detector = new PhaseDetector(started);
    }

    public synchronized void stdout(byte[] chunk) {
        bytes += chunk.length;
        stdout.accept(chunk);
    }

    public synchronized void stderr(byte[] chunk) {
        bytes += chunk.length;
        stderr.accept(chunk);
    }

    /** End of the log: emits unterminated last lines. */
    public synchronized void finish() {
        stdout.flush();
        stderr.flush();
    }

    public synchronized void heartbeat(Duration interval) {
        detector.heartbeat(clock.instant(), interval).ifPresent(sink::progress);
    }

    private void onLine(LineSplitter.Line raw) {
        String text = masker.mask(AnsiCodes.strip(raw.text()));
        int keep = maxLineChars;
        if (raw.droppedBytes() > 0) {
            keep = Math.min(keep, Math.max(0, text.length() - masker.longestForm()));
        }
        if (text.length() > keep) {
            long more = raw.droppedBytes() + (text.length() - keep);
            text = text.substring(0, keep) + " … [line truncated, " + more + " more bytes]";
        } else if (raw.droppedBytes() > 0) {
            text = text + " … [line truncated, " + raw.droppedBytes() + " more bytes]";
        }
        lines++;
        tail.add(text);
        sink.logLine(text);
        detector.accept(text, clock.instant()).ifPresent(sink::progress);
    }

    public synchronized Phase phase() {
        return detector.phase();
    }

    public synchronized Map<Phase, Duration> phaseTimings() {
        return detector.phaseTimings(clock.instant());
    }

    public synchronized List<String> tail() {
        return tail.lines();
    }

    public synchronized long lines() {
        return lines;
    }

    public synchronized long bytes() {
        return bytes;
    }
}
