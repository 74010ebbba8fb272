package io.jenkins.plugins.capi.testing;

import io.jenkins.plugins.capi.config.Finding;
import io.jenkins.plugins.capi.container.ContainerEvents;
import io.jenkins.plugins.capi.imagebuild.BuildEvents;
import io.jenkins.plugins.capi.logs.Phase;
import io.jenkins.plugins.capi.logs.ProgressEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** Keeps everything a build or a container run reports, for assertions; safe to fill from the log thread. */
public final class RecordedEvents implements BuildEvents, ContainerEvents {
    public final List<String> lines = new CopyOnWriteArrayList<>();
    public final List<ProgressEvent> progress = new CopyOnWriteArrayList<>();
    public final List<String> infos = new CopyOnWriteArrayList<>();
    public final List<Finding> findings = new CopyOnWriteArrayList<>();

    @Override
    public void logLine(String line) {
        lines.add(line);
    }

    @Override
    public void progress(ProgressEvent event) {
        synchronized (progress) {
            progress.add(event);
            progress.notifyAll();
        }
    }

    /** Waits until the build has entered {@code phase}; false when it had not within {@code timeout}. */
    public boolean awaitPhase(Phase phase, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (progress) {
            while (progress.stream().noneMatch(e -> e.phase() == phase)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(progress, left);
            }
            return true;
        }
    }

    /** Everything reported (infos, log lines, findings, progress), one per line, for descriptions and secret scans. */
    public String transcript() {
        List<String> all = new ArrayList<>(infos);
        all.addAll(lines);
        findings.forEach(f -> all.add(f.toString()));
        progress.forEach(p -> all.add(p.message()));
        return String.join("\n", all);
    }

    @Override
    public void finding(Finding finding) {
        findings.add(finding);
    }

    @Override
    public void info(String message) {
        infos.add(message);
    }

    /** The phases entered, in order, each once per stay (heartbeats left out). */
    public List<Phase> phases() {
        List<Phase> out = new ArrayList<>();
        for (ProgressEvent e : progress) {
            if (!e.heartbeat() && (out.isEmpty() || out.get(out.size() - 1) != e.phase())) {
                out.add(e.phase());
            }
        }
        return out;
    }

    /** Lines, messages and findings, to show when an assertion fails. */
    public String all() {
        return "log:\n" + String.join("\n", lines) + "\ninfo:\n" + String.join("\n", infos) + "\nfindings: " + findings;
    }
}
