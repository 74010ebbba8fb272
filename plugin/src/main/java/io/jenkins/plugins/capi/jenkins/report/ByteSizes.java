package io.jenkins.plugins.capi.jenkins.report;

import java.util.Locale;

/** File sizes written for people. */
final class ByteSizes {

    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB"};

    private ByteSizes() {}

    static String format(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
    }
}
