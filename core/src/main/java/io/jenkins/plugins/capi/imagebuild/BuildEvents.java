package io.jenkins.plugins.capi.imagebuild;

import io.jenkins.plugins.capi.config.Finding;
import io.jenkins.plugins.capi.logs.ProgressEvent;

/**
 * Receives what a build reports while it runs. Every string it gets is already masked.
 * Implementations must be quick: they are called from the log-following thread.
 */
public interface BuildEvents {

    /** One line of the builder container's log (ANSI codes stripped, secrets masked). */
    void logLine(String line);

    /** A phase change, task progress or heartbeat. */
    void progress(ProgressEvent event);

    /** A validation, ISO, pre-flight or output finding. */
    void finding(Finding finding);

    /** A message of the tool itself ("pulling image …", "container started …"). */
    void info(String message);
}
