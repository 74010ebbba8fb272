package io.jenkins.plugins.capi.cli;

import io.jenkins.plugins.capi.config.CompatibilityMode;
import picocli.CommandLine.Option;

/** {@code --compatibility warn|strict|off}, the same on every command (any case). */
final class CompatibilityOptions {

    @Option(names = "--compatibility", paramLabel = "MODE", defaultValue = "warn",
            description = "How versions outside the compatibility matrix are reported: warn (default), strict (an"
                    + " error), off.")
    CompatibilityMode compatibility;
}
