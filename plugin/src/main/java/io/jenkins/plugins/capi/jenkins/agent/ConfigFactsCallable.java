package io.jenkins.plugins.capi.jenkins.agent;

import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.capi.config.ConfigKey;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jenkins.agents.ControllerToAgentFileCallable;

/**
 * A light read of the imageconfig on the agent: {@code key=value} lines, {@code #} comments, one level of quotes.
 * Core validates the file properly during the build; this only answers the controller's questions.
 *
 * @param config    path of the imageconfig, relative to the workspace or absolute
 * @param overrides values that win over the file
 */
public record ConfigFactsCallable(String config, Map<String, String> overrides)
        implements ControllerToAgentFileCallable<ConfigFacts> {

    private static final long serialVersionUID = 1L;

    @Override
    public ConfigFacts invoke(File workspace, VirtualChannel channel) throws IOException {
        Path file = workspace.toPath().resolve(config).toAbsolutePath().normalize();
        if (!Files.isRegularFile(file)) {
            return new ConfigFacts(
                    file.toString(), false, overrides.get(ConfigKey.VCENTER_SERVER.key()), List.of(), List.of());
        }
        String vcenterServer = null;
        List<String> secretKeys = new ArrayList<>();
        List<String> secretValues = new ArrayList<>();
        for (String raw : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String line = raw.trim();
            int eq = line.indexOf('=');
            if (line.isEmpty() || line.startsWith("#") || eq <= 0) {
                continue;
            }
            String key = line.substring(0, eq).trim();
            String value = unquote(line.substring(eq + 1).trim());
            if (key.equals(ConfigKey.VCENTER_SERVER.key())) {
                vcenterServer = value;
            } else if (ConfigKey.isSecret(key) && !value.isEmpty() && !isPlaceholder(value)) {
                secretKeys.add(key);
                secretValues.add(value);
            }
        }
        String override = overrides.get(ConfigKey.VCENTER_SERVER.key());
        if (override != null && !override.isBlank()) {
            vcenterServer = override;
        }
        if (vcenterServer != null && (vcenterServer.isBlank() || isPlaceholder(vcenterServer))) {
            vcenterServer = null;
        }
        return new ConfigFacts(file.toString(), true, vcenterServer, secretKeys, secretValues);
    }

    /** The vendor template ships {@code <vcenter-password>} style placeholders. */
    private static boolean isPlaceholder(String value) {
        return value.startsWith("<") && value.endsWith(">");
    }

    private static String unquote(String value) {
        if (value.length() >= 2) {
            char first = value.charAt(0);
            if ((first == '\'' || first == '"') && value.charAt(value.length() - 1) == first) {
                return value.substring(1, value.length() - 1);
            }
        }
        return value;
    }
}
