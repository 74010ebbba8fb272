package io.jenkins.plugins.capi.container;

import io.jenkins.plugins.capi.logs.LogSink;
import io.jenkins.plugins.capi.logs.ProgressEvent;

/**
 * What the runner reports while a container runs: masked log lines and progress (from {@link LogSink}) and the
 * tool's own messages. A {@code BuildEvents} adapts with three one-line methods. Called from the log thread and
 * the heartbeat thread, never concurrently.
 */
public interface ContainerEvents extends LogSink {

    /** A message of the tool itself ("pulling image …", "container … started"). */
    void info(String message);

    /** Tells nobody: for calls with no log to write to, such as the short clean-up call after an abort. */
    ContainerEvents NONE = new ContainerEvents() {
        @Override
        public void info(String message) {
            // nobody to tell
        }

        @Override
        public void logLine(String line) {
            // nobody to tell
        }

        @Override
        public void progress(ProgressEvent event) {
            // nobody to tell
        }
    };
}
