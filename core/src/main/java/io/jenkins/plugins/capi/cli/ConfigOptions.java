package io.jenkins.plugins.capi.cli;

import io.jenkins.plugins.capi.config.ConfigLoader;
import io.jenkins.plugins.capi.config.ConfigReadException;
import io.jenkins.plugins.capi.config.Overrides;
import io.jenkins.plugins.capi.config.ParsedConfig;
import io.jenkins.plugins.capi.config.ValidationOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --config FILE} and {@code --set KEY=VALUE}, shared by the commands that read an image config. */
final class ConfigOptions {

    /** How findings name the {@code --set} overrides: {@code --set:2} is the second one. */
    static final String SET_SOURCE = "--set";

    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE",
            description = "The imageconfig file to read.")
    Path config;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Set a key on top of the file (repeatable), e.g. --set k8s_version=1.30.4. Secret keys are"
                    + " refused: the value would be visible in the process list.")
    List<String> assignments = new ArrayList<>();

    /** The {@code --set} values in the order given; a bad one is a finding that never repeats its value. */
    Overrides overrides() {
        return Overrides.fromAssignments(assignments, SET_SOURCE);
    }

    /** The file as read, not validated; a file that cannot be read is bad input naming {@code --config}. */
    ParsedConfig read() {
        try {
            return ConfigLoader.read(config);
        } catch (ConfigReadException e) {
            throw new CliInputException("--config " + e.getMessage());
        }
    }

    /** The file with the overrides, validated with {@code options}; unreadable as in {@link #read()}. */
    ConfigLoader.LoadedConfig load(ValidationOptions options) {
        try {
            return ConfigLoader.load(config, overrides(), options);
        } catch (ConfigReadException e) {
            throw new CliInputException("--config " + e.getMessage());
        }
    }
}
