package io.jenkins.plugins.capi.publish;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/** Publishing progress as lines for a console: every step, and each target's upload in steps of 10 %. */
public final class ProgressLines implements PublishListener {

    private final Consumer<String> lines;
    private final Map<String, Long> lastPercent = new ConcurrentHashMap<>();

    public ProgressLines(Consumer<String> lines) {
        this.lines = lines;
    }

    @Override
    public void progress(PublishProgress p) {
        if (p.stage() == PublishProgress.Stage.UPLOADING && p.bytesTotal() > 0) {
            long pct = p.bytesSent() * 100 / p.bytesTotal() / 10 * 10;
            Long before = lastPercent.put(p.target(), pct);
            if (before != null && before == pct) {
                return;
            }
        }
        synchronized (this) {
            lines.accept(p.line());
        }
    }
}
