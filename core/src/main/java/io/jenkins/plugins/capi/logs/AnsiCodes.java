package io.jenkins.plugins.capi.logs;

import java.util.regex.Pattern;

/** Removes terminal escape sequences (packer colours its output unless {@code PACKER_COLOR=false}). */
public final class AnsiCodes {

    // CSI sequences (colours, cursor moves), OSC sequences ended by BEL or ST, and other two-byte escapes.
    private static final Pattern ESCAPE = Pattern.compile(
            "\u001B\\[[0-?]*[ -/]*[@-~]|\u001B\\][^\u0007\u001B]*(?:\u0007|\u001B\\\\)|\u001B[@-Z\\\\-_]|\u009B[0-?]*[ -/]*[@-~]");

    private AnsiCodes() {}

    public static String strip(String line) {
        if (line.indexOf('\u001B') < 0 && line.indexOf('\u009B') < 0) {
            return line;
        }
        return ESCAPE.matcher(line).replaceAll("");
    }
}
