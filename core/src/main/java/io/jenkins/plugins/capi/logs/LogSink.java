package io.jenkins.plugins.capi.logs;

/** Where the log pipeline hands its output. Everything it receives is already masked. Must be quick. */
public interface LogSink {

    /** One line of the container's log, ANSI codes stripped, secrets masked, length bounded. */
    void logLine(String line);

    /** A phase change, a new Ansible role, or a heartbeat. */
    void progress(ProgressEvent event);
}
