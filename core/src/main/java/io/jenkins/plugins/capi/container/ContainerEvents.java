package io.jenkins.plugins.capi.container;

import io.jenkins.plugins.capi.logs.LogSink;

/**
 * What the runner reports while a container runs: masked log lines and progress (from {@link LogSink}) and the
 * tool's own messages. A {@code BuildEvents} adapts with three one-line methods. Called from the log thread and
 * the heartbeat thread, never concurrently.
 */
public interface ContainerEvents extends LogSink {

    /** A message of the tool itself ("pulling image …", "container … started"). */
    void info(String message);
}
