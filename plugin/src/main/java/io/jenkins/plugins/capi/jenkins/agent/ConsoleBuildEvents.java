package io.jenkins.plugins.capi.jenkins.agent;

import io.jenkins.plugins.capi.config.Finding;
import io.jenkins.plugins.capi.imagebuild.BuildEvents;
import io.jenkins.plugins.capi.jenkins.report.StepFindings;
import io.jenkins.plugins.capi.logs.ProgressEvent;
import java.io.PrintStream;

/**
 * Writes what core reports to the build console (on the agent; the stream is the remoted build log). Builder
 * lines go out as they are; the tool's own lines are prefixed so they stand out from packer and Ansible.
 */
final class ConsoleBuildEvents implements BuildEvents {

    static final String PREFIX = "[capi] ";

    private final PrintStream console;

    ConsoleBuildEvents(PrintStream console) {
        this.console = console;
    }

    @Override
    public void logLine(String line) {
        console.println(line);
    }

    @Override
    public void progress(ProgressEvent event) {
        String what = event.message() != null ? event.message() : event.phase().description();
        if (event.heartbeat() && event.silentFor() != null) {
            console.println(PREFIX + "still " + what + " (no builder output for "
                    + event.silentFor().toMinutes()
                    + " min"
                    + (event.elapsed() == null ? "" : ", " + event.elapsed().toMinutes() + " min in total")
                    + ")");
        } else {
            console.println(PREFIX + what);
        }
    }

    @Override
    public void finding(Finding finding) {
        console.println(PREFIX + StepFindings.format(finding));
    }

    @Override
    public void info(String message) {
        console.println(PREFIX + message);
    }
}
