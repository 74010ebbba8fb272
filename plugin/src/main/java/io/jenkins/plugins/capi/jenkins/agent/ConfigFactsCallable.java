package io.jenkins.plugins.capi.jenkins.agent;

import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.capi.config.ConfigKey;
import io.jenkins.plugins.capi.config.ConfigLoader;
import io.jenkins.plugins.capi.config.ConfigReadException;
import io.jenkins.plugins.capi.config.ImageConfig;
import io.jenkins.plugins.capi.jenkins.run.OverrideInput;
import java.io.File;
import java.nio.file.Path;
import jenkins.agents.ControllerToAgentFileCallable;

/**
 * Reads the imageconfig on the agent with core's reader, overrides applied, to answer the controller's questions
 * before the build (core validates the file properly during the build).
 *
 * @param config    path of the imageconfig, relative to the workspace or absolute
 * @param overrides as the user wrote them
 */
public record ConfigFactsCallable(String config, OverrideInput overrides)
        implements ControllerToAgentFileCallable<ConfigFacts> {

    private static final long serialVersionUID = 2L;

    @Override
    public ConfigFacts invoke(File workspace, VirtualChannel channel) {
        Path file = workspace.toPath().resolve(config).toAbsolutePath().normalize();
        try {
            ImageConfig read = ConfigLoader.read(file, overrides.read());
            return new ConfigFacts(
                    file.toString(),
                    null,
                    read.usableValue(ConfigKey.VCENTER_SERVER).orElse(null));
        } catch (ConfigReadException e) {
            return new ConfigFacts(file.toString(), e.getMessage(), null);
        }
    }
}
