package io.jenkins.plugins.capi.imagebuild;

import io.jenkins.plugins.capi.airgap.AirgapEvents;
import io.jenkins.plugins.capi.airgap.AirgapProgress;
import java.util.HashMap;
import java.util.Map;

/**
 * Hands the air-gap steps' reports to the build's events: their messages as the tool's own, progress in steps of
 * 10 % per subject, and the Yum repository's and the Kubernetes pack's output as log lines named by their source.
 */
final class AirgapRelay implements AirgapEvents {

    private final BuildEvents events;
    private final Map<String, Integer> lastPercent = new HashMap<>();

    AirgapRelay(BuildEvents events) {
        this.events = events;
    }

    @Override
    public void info(String message) {
        events.info(message);
    }

    @Override
    public synchronized void progress(AirgapProgress progress) {
        int step = progress.total() > 0 ? progress.percent() / 10 * 10 : -1;
        Integer before = lastPercent.put(progress.step() + " " + progress.subject(), step);
        if (before == null || before != step) {
            events.info(progress.message());
        }
    }

    @Override
    public void logLine(String source, String line) {
        events.logLine("[" + source + "] " + line);
    }
}
