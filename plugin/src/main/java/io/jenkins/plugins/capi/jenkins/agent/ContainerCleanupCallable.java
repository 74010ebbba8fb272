package io.jenkins.plugins.capi.jenkins.agent;

import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.capi.imagebuild.ImageBuild;
import java.io.File;
import java.time.Duration;
import jenkins.agents.ControllerToAgentFileCallable;

/**
 * The second, short call after an abort: the interrupted build call returns to the controller before the agent has
 * finished stopping the container, so this one waits on the agent until no container of the build is left.
 *
 * @return how many containers it still had to remove
 */
public record ContainerCleanupCallable(String dockerHost, String runId, int stopGraceSeconds)
        implements ControllerToAgentFileCallable<Integer> {

    private static final long serialVersionUID = 1L;

    @Override
    public Integer invoke(File workspace, VirtualChannel channel) throws InterruptedException {
        return ImageBuild.removeContainersOf(dockerHost, runId, Duration.ofSeconds(stopGraceSeconds));
    }
}
