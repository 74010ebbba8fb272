package io.jenkins.plugins.capi.cli;

import picocli.CommandLine;

/**
 * The one mapping from what a command threw to an exit code: bad input 2, interrupted 130, anything else 1. Each is
 * one line naming the command, without a stack trace, so nothing from deep inside a library (which might echo a
 * value) reaches the terminal. Our own exceptions never carry secrets; {@code CAPI_DEBUG=1} shows the stack trace.
 */
final class SafeExceptionHandler implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        String who = cl.getCommandSpec().qualifiedName();
        int code;
        if (ex instanceof CliInputException) {
            cl.getErr().println(who + ": error: " + ex.getMessage());
            code = ExitCode.INVALID_INPUT;
        } else if (ex instanceof InterruptedException) {
            cl.getErr().println(who + ": interrupted" + (ex.getMessage() == null ? "" : ": " + ex.getMessage()));
            code = ExitCode.INTERRUPTED;
        } else {
            cl.getErr().println(who + ": error: " + ex.getClass().getSimpleName() + ": " + ex.getMessage());
            code = ExitCode.FAILED;
        }
        if ("1".equals(System.getenv("CAPI_DEBUG"))) {
            ex.printStackTrace(cl.getErr());
        }
        cl.getErr().flush();
        return code;
    }
}
