package io.jenkins.plugins.capi.container;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/**
 * The forms a Docker or Podman API address may take here: {@code unix:///path/to/socket} or {@code tcp://host:port}
 * (docker-java's httpclient5 transport handles no other scheme, so {@code ssh://} and {@code npipe://} are refused).
 */
public final class EngineHost {

    private static final String FORMS = "use unix:///var/run/docker.sock (or another socket path) or tcp://host:2376";

    private EngineHost() {}

    /** Why {@code dockerHost} cannot be used, or empty when it can (blank means the default and is fine). */
    public static Optional<String> problem(String dockerHost) {
        if (dockerHost == null || dockerHost.isBlank()) {
            return Optional.empty();
        }
        String h = dockerHost.strip();
        int scheme = h.indexOf("://");
        if (scheme < 0) {
            return Optional.of("the Docker host '" + h + "' has no scheme; " + FORMS);
        }
        String s = h.substring(0, scheme);
        if (s.equals("unix")) {
            String path = h.substring(scheme + 3);
            return path.startsWith("/") && path.length() > 1 ? Optional.empty()
                    : Optional.of("the Docker host '" + h + "' needs an absolute socket path, e.g. unix:///var/run/docker.sock");
        }
        if (s.equals("tcp")) {
            try {
                URI uri = new URI(h);
                if (uri.getHost() == null || uri.getPort() < 1) {
                    return Optional.of("the Docker host '" + h + "' needs a host and a port, e.g. tcp://docker.example.com:2376");
                }
                return Optional.empty();
            } catch (URISyntaxException e) {
                return Optional.of("the Docker host '" + h + "' is not a valid address; " + FORMS);
            }
        }
        return Optional.of("the Docker host scheme " + s + ":// is not supported; " + FORMS
                + (s.equals("ssh") ? " (for a remote engine over SSH, forward its socket, e.g. ssh -L, and use that)" : ""));
    }
}
