package io.jenkins.plugins.capi;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The one way durations are written and read by this tool: {@code 90s}, {@code 45m}, {@code 3h}, {@code 1h30m}. */
public final class Durations {

    private static final Pattern PARTS = Pattern.compile("(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");

    private Durations() {}

    /**
     * Reads {@code 1h30m}, {@code 45m}, {@code 90s}, a bare number of seconds, or ISO-8601 {@code PT45M}.
     *
     * @throws IllegalArgumentException naming the accepted forms (negative values are not a duration here)
     */
    public static Duration parse(String text) {
        String v = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        try {
            if (v.startsWith("pt") || v.startsWith("p")) {
                Duration d = Duration.parse(v.toUpperCase(Locale.ROOT));
                if (!d.isNegative()) {
                    return d;
                }
            } else if (v.matches("\\d+")) {
                return Duration.ofSeconds(Long.parseLong(v));
            } else {
                Matcher m = PARTS.matcher(v);
                if (!v.isEmpty() && m.matches()) {
                    return Duration.ofHours(number(m.group(1))).plusMinutes(number(m.group(2)))
                            .plusSeconds(number(m.group(3)));
                }
            }
        } catch (RuntimeException e) {
            // reported below
        }
        throw new IllegalArgumentException("'" + text + "' is not a duration; write e.g. 90s, 45m, 3h or 1h30m");
    }

    private static long number(String digits) {
        return digits == null ? 0 : Long.parseLong(digits);
    }

    /** {@code 8s}, {@code 45m}, {@code 3h}, {@code 1h 30m}, {@code 2m 5s}; below a second {@code 250ms}. */
    public static String describe(Duration d) {
        if (d.isNegative()) {
            return "-" + describe(d.negated());
        }
        if (d.compareTo(Duration.ofSeconds(1)) < 0) {
            return d.toMillis() + "ms";
        }
        long h = d.toHours();
        long m = d.toMinutesPart();
        long s = d.toSecondsPart();
        StringBuilder b = new StringBuilder();
        if (h > 0) {
            b.append(h).append('h');
        }
        if (m > 0) {
            b.append(b.isEmpty() ? "" : " ").append(m).append('m');
        }
        if (s > 0 && h == 0) {
            b.append(b.isEmpty() ? "" : " ").append(s).append('s');
        }
        return b.isEmpty() ? "0s" : b.toString();
    }
}
