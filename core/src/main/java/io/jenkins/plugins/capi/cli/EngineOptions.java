package io.jenkins.plugins.capi.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the builder image comes from when it is missing, which engine runs it, and an ISO from elsewhere. */
final class EngineOptions {

    @Option(names = "--image-archive", paramLabel = "TAR",
            description = "A docker-save archive to load when the image is not on the engine (air-gapped sites).")
    Path imageArchive;

    @Option(names = "--docker-host", paramLabel = "URI",
            description = "Docker or Podman API: unix:///path/to/socket or tcp://host:port; default: $DOCKER_HOST,"
                    + " else unix:///var/run/docker.sock.")
    String dockerHost;

    @Option(names = "--iso", paramLabel = "PATH",
            description = "An ISO outside the output folder, mounted read-only where iso_name says.")
    Path iso;
}
