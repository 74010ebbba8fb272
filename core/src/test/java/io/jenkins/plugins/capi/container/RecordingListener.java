package io.jenkins.plugins.capi.container;

import io.jenkins.plugins.capi.logs.ProgressEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps everything a run reports, for assertions. */
class RecordingListener implements ContainerEvents {
    final List<String> lines = new CopyOnWriteArrayList<>();
    final List<ProgressEvent> progress = new CopyOnWriteArrayList<>();
    final List<String> infos = new CopyOnWriteArrayList<>();
    volatile boolean countOnly;
    volatile long counted;
    volatile int longest;

    /** For log floods: count lines and keep the longest length instead of storing them. */
    RecordingListener countingOnly() {
        countOnly = true;
        return this;
    }

    @Override
    public void logLine(String line) {
        counted++;
        longest = Math.max(longest, line.length());
        if (!countOnly || line.contains("vcenter_password")) {
            lines.add(line);
        }
    }

    @Override
    public void progress(ProgressEvent event) {
        progress.add(event);
    }

    @Override
    public void info(String message) {
        infos.add(message);
    }

    List<String> everything() {
        List<String> all = new java.util.ArrayList<>(lines);
        all.addAll(infos);
        progress.forEach(p -> all.add(p.message()));
        return all;
    }
}
