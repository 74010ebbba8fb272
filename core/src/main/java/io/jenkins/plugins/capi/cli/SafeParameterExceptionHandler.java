package io.jenkins.plugins.capi.cli;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;

/**
 * Reports bad usage without echoing what was typed: picocli's own message for an unmatched argument repeats
 * it, and a mistyped {@code --set vcenter_password s3cret} (space instead of {@code =}) would put the password on
 * the terminal. Unknown options are named without their {@code =value}; stray arguments only by position.
 */
final class SafeParameterExceptionHandler implements CommandLine.IParameterExceptionHandler {

    @Override
    public int handleParseException(CommandLine.ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        PrintWriter err = cl.getErr();
        if (ex instanceof CommandLine.UnmatchedArgumentException unmatched) {
            err.println("capi-image-build: error: " + describe(unmatched.getUnmatched()));
            CommandLine.UnmatchedArgumentException.printSuggestions(unmatched, err);
        } else {
            err.println("capi-image-build: error: " + ex.getMessage());
        }
        err.println("Try '" + cl.getCommandSpec().qualifiedName() + " --help' for more information.");
        err.flush();
        return cl.getCommandSpec().exitCodeOnInvalidInput();
    }

    static String describe(List<String> unmatched) {
        StringBuilder b = new StringBuilder();
        int position = 0;
        for (String arg : unmatched) {
            position++;
            if (b.length() > 0) {
                b.append("; ");
            }
            if (arg.startsWith("-")) {
                int eq = arg.indexOf('=');
                b.append("unknown option ").append(eq > 0 ? arg.substring(0, eq) : arg);
            } else {
                b.append("unexpected argument (").append(ordinal(position)).append(" unmatched, value not shown)");
            }
        }
        return b.toString();
    }

    private static String ordinal(int n) {
        return switch (n) {
            case 1 -> "1st";
            case 2 -> "2nd";
            case 3 -> "3rd";
            default -> n + "th";
        };
    }
}
