package io.jenkins.plugins.capi.imagebuild;

import com.github.dockerjava.api.DockerClient;
import io.jenkins.plugins.capi.airgap.YumRepository;
import io.jenkins.plugins.capi.container.ContainerEvents;
import io.jenkins.plugins.capi.container.ContainerPlan;
import io.jenkins.plugins.capi.container.ContainerResult;
import io.jenkins.plugins.capi.container.ContainerRunner;
import io.jenkins.plugins.capi.container.EngineConnection;
import io.jenkins.plugins.capi.container.RunSpec;
import java.io.IOException;
import java.time.Duration;

/** The Docker (or Podman) engine at the spec's address, one client per call. */
public final class DockerBuilderEngine implements BuilderEngine {

    @Override
    public ContainerPlan plan(RunSpec spec) {
        try (Client c = new Client(spec.dockerHost())) {
            return new ContainerRunner(c.docker).plan(spec);
        }
    }

    @Override
    public ContainerResult run(RunSpec spec, ContainerEvents events) throws InterruptedException {
        try (Client c = new Client(spec.dockerHost())) {
            return new ContainerRunner(c.docker).run(spec, events);
        }
    }

    /**
     * Makes sure no container of {@code runId} is left: stops (with {@code stopGrace}) and removes it. Used after an
     * abort as a second, short call. Returns how many containers were removed.
     */
    public static int removeContainersOf(String dockerHost, String runId, Duration stopGrace)
            throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException("interrupted before removing the containers of run " + runId);
        }
        try (Client c = new Client(dockerHost)) {
            // an air-gapped build's Yum repository too: it is labelled with a run id of its own
            return new ContainerRunner(c.docker).removeContainersOf(runId, stopGrace)
                    + YumRepository.removeFor(c.docker, runId);
        }
    }

    /** The client's connection pool, closed when the call is done. */
    private static final class Client implements AutoCloseable {
        private final DockerClient docker;

        Client(String dockerHost) {
            this.docker = EngineConnection.open(dockerHost);
        }

        @Override
        public void close() {
            try {
                docker.close();
            } catch (IOException e) {
                // only the connection pool is closed here; the run is already finished
            }
        }
    }
}
