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
        // the common case, SGR colour codes (ESC [ params m), without a regex; anything else falls back to it
        StringBuilder sb = new StringBuilder(line.length());
        int n = line.length();
        for (int i = 0; i < n; i++) {
            char c = line.charAt(i);
            if (c == '\u001B' && i + 1 < n && line.charAt(i + 1) == '[') {
                int j = i + 2;
                while (j < n && (Character.isDigit(line.charAt(j)) || line.charAt(j) == ';')) {
                    j++;
                }
                if (j < n && line.charAt(j) >= '@' && line.charAt(j) <= '~') {
                    i = j;
                    continue;
                }
                return ESCAPE.matcher(line).replaceAll("");
            }
            if (c == '\u001B' || c == '\u009B') {
                return ESCAPE.matcher(line).replaceAll("");
            }
            sb.append(c);
        }
        return sb.toString();
    }
}
