package io.jenkins.plugins.capi.cli;

import io.jenkins.plugins.capi.config.Overrides;
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
}
