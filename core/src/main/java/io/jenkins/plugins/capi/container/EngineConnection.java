package io.jenkins.plugins.capi.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import java.time.Duration;

/**
 * Opens a docker-java client for the Docker Engine API (or a Podman API socket, which speaks the same API; e.g.
 * {@code unix:///run/podman/podman.sock} after {@code podman system service}).
 *
 * <p>Where it connects, first match wins: the explicit {@code dockerHost} argument ({@code unix:///path} or
 * {@code tcp://host:port}); the {@code DOCKER_HOST} environment variable; {@code unix:///var/run/docker.sock}.
 * TLS for tcp follows docker-java's standard settings: {@code DOCKER_TLS_VERIFY=1} and {@code DOCKER_CERT_PATH}
 * (ca.pem, cert.pem, key.pem). The API version is negotiated by the engine (no version prefix is sent).
 *
 * <p>The response timeout is long on purpose: following the log and waiting for the exit are single HTTP
 * responses that last as long as the build.
 */
public final class EngineConnection {

    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);
    public static final Duration RESPONSE_TIMEOUT = Duration.ofHours(24);

    private EngineConnection() {}

    public static DockerClient open(String dockerHost) {
        DefaultDockerClientConfig.Builder builder = DefaultDockerClientConfig.createDefaultConfigBuilder();
        if (dockerHost != null && !dockerHost.isBlank()) {
            builder.withDockerHost(dockerHost.strip());
        }
        DockerClientConfig config;
        try {
            config = builder.build();
        } catch (RuntimeException e) {
            throw new ContainerRunException(ContainerRunException.Kind.ENGINE_UNREACHABLE, "Invalid Docker host '"
                    + dockerHost + "' or TLS settings (DOCKER_TLS_VERIFY/DOCKER_CERT_PATH): " + e.getMessage(),
                    "use unix:///path/to/docker.sock or tcp://host:2376, and for TLS a DOCKER_CERT_PATH holding "
                            + "ca.pem, cert.pem and key.pem");
        }
        ApacheDockerHttpClient http = new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .maxConnections(16)
                .connectionTimeout(CONNECT_TIMEOUT)
                .responseTimeout(RESPONSE_TIMEOUT)
                .build();
        return DockerClientImpl.getInstance(config, http);
    }

    /** The URI a client for {@code dockerHost} would use, for messages. */
    public static String describe(String dockerHost) {
        if (dockerHost != null && !dockerHost.isBlank()) {
            return dockerHost.strip();
        }
        String env = System.getenv("DOCKER_HOST");
        return env != null && !env.isBlank() ? env : "unix:///var/run/docker.sock";
    }
}
