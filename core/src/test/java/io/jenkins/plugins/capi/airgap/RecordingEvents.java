package io.jenkins.plugins.capi.airgap;

import io.jenkins.plugins.capi.container.ContainerEvents;
import io.jenkins.plugins.capi.logs.ProgressEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** Keeps everything the air-gap steps and the builder run report; can act on an event (to abort at a chosen moment). */
final class RecordingEvents implements AirgapEvents, ContainerEvents {
    final List<String> infos = new CopyOnWriteArrayList<>();
    final List<AirgapProgress> progress = new CopyOnWriteArrayList<>();
    final List<String> lines = new CopyOnWriteArrayList<>();
    private volatile Consumer<String> onLine = l -> { };
    private volatile Consumer<AirgapProgress> onProgress = p -> { };

    RecordingEvents onLine(Consumer<String> action) {
        onLine = action;
        return this;
    }

    RecordingEvents onProgress(Consumer<AirgapProgress> action) {
        onProgress = action;
        return this;
    }

    @Override
    public void info(String message) {
        infos.add(message);
    }

    @Override
    public void progress(AirgapProgress p) {
        progress.add(p);
        onProgress.accept(p);
    }

    @Override
    public void logLine(String source, String line) {
        lines.add(source + ": " + line);
        onLine.accept(source + ": " + line);
    }

    @Override
    public void logLine(String line) {
        lines.add("builder: " + line);
        onLine.accept("builder: " + line);
    }

    @Override
    public void progress(ProgressEvent event) {
        // the builder's phases are not what these tests look at
    }

    /** Everything reported, one string per event, for scanning. */
    String all() {
        return String.join("\n", infos) + "\n" + String.join("\n", lines) + "\n"
                + String.join("\n", progress.stream().map(AirgapProgress::message).toList());
    }
}
