package io.jenkins.plugins.capi.cli;

/** The tool's exit codes, the same for every command. */
public final class ExitCode {
    public static final int OK = 0;
    /** The operation ran and failed (build failed, outputs inconsistent, pre-flight found problems). */
    public static final int FAILED = 1;
    /** Invalid input or usage: bad config, unknown option, missing file. */
    public static final int INVALID_INPUT = 2;
    /** Interrupted (Ctrl-C); the build was stopped gracefully. */
    public static final int INTERRUPTED = 130;

    private ExitCode() {}
}
