package io.jenkins.plugins.capi.cli;

import java.time.Duration;
import picocli.CommandLine.Option;

/** How long a build may take, how long its stop may take, and whether vCenter is checked first. */
final class RunOptions {

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "3h", converter = DurationConverter.class,
            description = "Time limit of the build, e.g. 90m or 3h (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--stop-grace", paramLabel = "DURATION", defaultValue = "5m", converter = DurationConverter.class,
            description = "On Ctrl-C, abort or timeout: how long Packer gets to clean up before the container is"
                    + " killed (default: ${DEFAULT-VALUE}).")
    Duration stopGrace;

    @Option(names = "--no-preflight", description = "Do not check vCenter before starting the container.")
    boolean noPreflight;
}
