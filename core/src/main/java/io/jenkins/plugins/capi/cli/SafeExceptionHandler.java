package io.jenkins.plugins.capi.cli;

import picocli.CommandLine;

/**
 * Prints an unexpected exception as one line naming its type and message, without a stack trace, so nothing
 * from deep inside a library (which might echo a value) reaches the terminal. Our own exceptions never carry
 * secrets; {@code CAPI_DEBUG=1} shows the stack trace for bug reports.
 */
final class SafeExceptionHandler implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        cl.getErr().println("capi-image-build: error: " + ex.getClass().getSimpleName() + ": " + ex.getMessage());
        if ("1".equals(System.getenv("CAPI_DEBUG"))) {
            ex.printStackTrace(cl.getErr());
        }
        return ExitCode.FAILED;
    }
}
