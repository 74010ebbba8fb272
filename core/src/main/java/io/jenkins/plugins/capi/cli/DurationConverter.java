package io.jenkins.plugins.capi.cli;

import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine;

/** Reads {@code 90s}, {@code 45m}, {@code 3h}, {@code 1h30m} or ISO-8601 {@code PT45M}. */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        String v = value.trim().toUpperCase(Locale.ROOT);
        try {
            if (v.startsWith("P")) {
                return Duration.parse(v);
            }
            if (v.matches("\\d+")) {
                return Duration.ofSeconds(Long.parseLong(v));
            }
            return Duration.parse("PT" + v);
        } catch (RuntimeException e) {
            throw new CommandLine.TypeConversionException(
                    "'" + value + "' is not a duration; use e.g. 90s, 45m, 3h or 1h30m");
        }
    }
}
