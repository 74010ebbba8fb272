package io.jenkins.plugins.capi.logs;

import java.util.ArrayList;
import java.util.List;

/** The last N (already masked) lines of a log, in a fixed ring: memory does not grow with the log. */
public final class LogTail {

    private final String[] ring;
    private int next;
    private long total;

    public LogTail(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, was " + capacity);
        }
        ring = new String[capacity];
    }

    public synchronized void add(String line) {
        ring[next] = line;
        next = (next + 1) % ring.length;
        total++;
    }

    /** Oldest first. */
    public synchronized List<String> lines() {
        int size = (int) Math.min(total, ring.length);
        List<String> out = new ArrayList<>(size);
        int first = total <= ring.length ? 0 : next;
        for (int i = 0; i < size; i++) {
            out.add(ring[(first + i) % ring.length]);
        }
        return out;
    }

    public synchronized long totalLines() {
        return total;
    }
}
