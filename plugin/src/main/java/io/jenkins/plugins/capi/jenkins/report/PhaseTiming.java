package io.jenkins.plugins.capi.jenkins.report;

import java.io.Serializable;
import java.time.Duration;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/** Time spent in one build phase. */
@ExportedBean(defaultVisibility = 3)
public final class PhaseTiming implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String phase;
    private final String description;
    private final long millis;

    public PhaseTiming(String phase, String description, long millis) {
        this.phase = phase;
        this.description = description;
        this.millis = millis;
    }

    /** Stable phase id, e.g. {@code PROVISIONING}. */
    @Exported
    public String getPhase() {
        return phase;
    }

    @Exported
    public String getDescription() {
        return description;
    }

    @Exported
    public long getMillis() {
        return millis;
    }

    /** "12m 5s" */
    public String getDurationText() {
        Duration d = Duration.ofMillis(millis);
        if (d.toHours() > 0) {
            return d.toHours() + "h " + d.toMinutesPart() + "m";
        }
        if (d.toMinutes() > 0) {
            return d.toMinutes() + "m " + d.toSecondsPart() + "s";
        }
        return d.toSeconds() + "." + (d.toMillisPart() / 100) + "s";
    }
}
