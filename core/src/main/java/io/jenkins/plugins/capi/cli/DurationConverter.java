package io.jenkins.plugins.capi.cli;

import io.jenkins.plugins.capi.Durations;
import java.time.Duration;
import picocli.CommandLine;

/** Every duration option reads the tool's one duration syntax. */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        try {
            return Durations.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
