package io.jenkins.plugins.capi.testing;

import io.jenkins.plugins.capi.config.Finding;
import io.jenkins.plugins.capi.container.ContainerEvents;
import io.jenkins.plugins.capi.imagebuild.BuildEvents;
import io.jenkins.plugins.capi.logs.Phase;
import io.jenkins.plugins.capi.logs.ProgressEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

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
        progress.add(event);
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
