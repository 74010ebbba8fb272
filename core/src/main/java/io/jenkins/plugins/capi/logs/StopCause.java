package io.jenkins.plugins.capi.logs;

/**
 * Why the tool stopped the builder, as the runner knows it; the log alone cannot tell a timeout from an abort, and a
 * cancellation the tool did not ask for came from outside (someone ran {@code docker stop}, the host shut down).
 */
public enum StopCause {
    /** The tool did not stop the build: it ended by itself, or something else stopped it. */
    NONE,
    /** The build ran into its time limit. */
    TIMEOUT,
    /** Someone aborted the build: a Jenkins abort, Ctrl-C on the CLI, an interrupted caller. */
    ABORT
}
