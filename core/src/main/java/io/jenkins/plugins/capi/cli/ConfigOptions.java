package io.jenkins.plugins.capi.cli;

import io.jenkins.plugins.capi.config.Overrides;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** {@code --config FILE} and {@code --set KEY=VALUE}, shared by the commands that read an image config. */
final class ConfigOptions {

    /** How findings name the {@code --set} overrides. */
    static final String SET_SOURCE = "--set";

    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE",
            description = "The imageconfig file to read.")
    Path config;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Set a key on top of the file (repeatable), e.g. --set k8s_version=1.30.4.")
    List<String> assignments = new ArrayList<>();

    /** The {@code --set} values in the order given; the message of a bad one never repeats its value. */
    Map<String, String> overrides(CommandLine commandLine) {
        Map<String, String> result = new LinkedHashMap<>();
        for (String a : assignments) {
            try {
                Map.Entry<String, String> e = Overrides.parseAssignment(a);
                result.put(e.getKey(), e.getValue());
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(commandLine, "--set " + e.getMessage());
            }
        }
        return result;
    }
}
