package io.jenkins.plugins.capi.build;

import com.github.dockerjava.api.DockerClient;
import io.jenkins.plugins.capi.container.ContainerRunner;
import io.jenkins.plugins.capi.container.EngineConnection;
import java.time.Duration;

/**
 * One image build from start to end: load and validate the config, check the ISO, pre-flight vCenter,
 * run the builder container, collect outputs and write the template metadata.
 *
 * <p>Interrupting the calling thread aborts the build: the container is stopped gracefully (SIGTERM, then
 * kill after the grace period) and removed, the rendered imageconfig is deleted, and
 * {@link InterruptedException} is thrown.
 */
public final class ImageBuild {

    public BuildOutcome run(BuildRequest request, BuildListener listener) throws InterruptedException {
        throw new UnsupportedOperationException("wired in the integration step");
    }

    /**
     * Makes sure no container of {@code runId} is left: stops (with {@code stopGraceSeconds}) and removes it.
     * Used after an abort as a second, short call. Returns how many containers were removed.
     */
    public static int removeContainersOf(String dockerHost, String runId, int stopGraceSeconds)
            throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException("interrupted before removing the containers of run " + runId);
        }
        DockerClient docker = EngineConnection.open(dockerHost);
        try {
            return new ContainerRunner(docker).removeContainersOf(runId, Duration.ofSeconds(stopGraceSeconds));
        } finally {
            try {
                docker.close();
            } catch (java.io.IOException e) {
                // closing the connection pool; the containers are already handled
            }
        }
    }
}
