package io.jenkins.plugins.capi.cli;

import io.jenkins.plugins.capi.Durations;
import io.jenkins.plugins.capi.config.Finding;
import io.jenkins.plugins.capi.imagebuild.BuildEvents;
import io.jenkins.plugins.capi.logs.ProgressEvent;
import java.io.PrintWriter;

/** Log, progress and findings go to stderr, so stdout carries only the command's result (e.g. the metadata path). */
record ConsoleEvents(PrintWriter err) implements BuildEvents {

    static final String PREFIX = "[capi] ";

    @Override
    public synchronized void logLine(String line) {
        err.println(line);
        err.flush();
    }

    @Override
    public synchronized void progress(ProgressEvent event) {
        String what = event.message() != null ? event.message() : event.phase().description();
        if (event.heartbeat() && event.silentFor() != null) {
            what = "still " + event.phase().description() + " (no builder output for "
                    + Durations.describe(event.silentFor()) + ")";
        }
        err.println(PREFIX + what);
        err.flush();
    }

    @Override
    public synchronized void finding(Finding finding) {
        err.println(CliFindings.format(finding));
        err.flush();
    }

    @Override
    public synchronized void info(String message) {
        err.println(PREFIX + message);
        err.flush();
    }
}
