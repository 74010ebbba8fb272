package io.jenkins.plugins.capi.logs;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Turns a byte stream, arriving in arbitrary chunks (Docker log frames), into lines. Bytes are kept until the
 * newline so multi-byte UTF-8 characters split across frames decode correctly. A line longer than
 * {@code maxLineBytes} keeps only its first {@code maxLineBytes} bytes (the rest is counted, not stored), so
 * memory stays bounded whatever the container prints. Not thread-safe: use one per stream.
 */
public final class LineSplitter {

    /** One complete line; {@code droppedBytes} is how much of an over-long line was not kept. */
    public record Line(String text, long droppedBytes) {}

    private final byte[] buffer;
    private final Consumer<Line> sink;
    private int length;
    private long dropped;

    public LineSplitter(int maxLineBytes, Consumer<Line> sink) {
        if (maxLineBytes < 1) {
            throw new IllegalArgumentException("maxLineBytes must be positive, was " + maxLineBytes);
        }
        this.buffer = new byte[maxLineBytes];
        this.sink = sink;
    }

    public void accept(byte[] bytes, int offset, int count) {
        int end = offset + count;
        int start = offset;
        for (int i = offset; i < end; i++) {
            if (bytes[i] == '\n') {
                append(bytes, start, i - start);
                emit();
                start = i + 1;
            }
        }
        append(bytes, start, end - start);
    }

    public void accept(byte[] bytes) {
        accept(bytes, 0, bytes.length);
    }

    /** Emits what is left without a final newline (end of stream). */
    public void flush() {
        if (length > 0 || dropped > 0) {
            emit();
        }
    }

    private void append(byte[] bytes, int from, int count) {
        int room = buffer.length - length;
        int kept = Math.min(room, count);
        System.arraycopy(bytes, from, buffer, length, kept);
        length += kept;
        dropped += count - kept;
    }

    private void emit() {
        int end = length;
        if (end > 0 && buffer[end - 1] == '\r') {
            end--;
        }
        String text = new String(buffer, 0, end, StandardCharsets.UTF_8);
        long lost = dropped;
        length = 0;
        dropped = 0;
        sink.accept(new Line(text, lost));
    }
}
