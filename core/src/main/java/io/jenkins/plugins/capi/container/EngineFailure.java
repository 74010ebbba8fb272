package io.jenkins.plugins.capi.container;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerClientException;
import com.github.dockerjava.api.exception.DockerException;
import io.jenkins.plugins.capi.container.ContainerRunException.Kind;
import io.jenkins.plugins.capi.logs.SecretMasker;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;

/**
 * Turns what went wrong between this tool and the engine into a {@link ContainerRunException} a user can act on:
 * which socket or host, what kind of problem, and what to do. Engine answers are reduced to the engine's own
 * one-line message, and every text is masked.
 */
final class EngineFailure {

    static final String START_ENGINE = "start the Docker engine (for example: sudo systemctl start docker), or set "
            + "DOCKER_HOST (or the build's Docker host setting) to the engine you use";
    private static final Pattern STATUS = Pattern.compile("(?s)^Status (\\d{3}): (.*)$");
    private static final ObjectMapper JSON = new ObjectMapper();

    private EngineFailure() {}

    /**
     * Fails unless the engine answers a ping. For a unix socket, the socket file is looked at first, so a missing
     * socket or one this user may not open is named exactly, and the HTTP client never retries against it.
     */
    static void requireReachable(DockerClient docker, String dockerHost, SecretMasker masker) {
        String host = EngineConnection.describe(dockerHost);
        unixSocket(host).ifPresent(EngineFailure::checkSocketFile);
        try {
            docker.pingCmd().exec();
        } catch (RuntimeException e) {
            Optional<IOException> io = ioCause(e);
            if (io.isPresent() && !(io.get() instanceof SSLException)) {
                // nothing was connected yet: whatever the socket error, nobody answered
                throw new ContainerRunException(Kind.ENGINE_UNREACHABLE, "Cannot connect to the Docker engine at " + host
                        + ": " + masker.mask(String.valueOf(io.get().getMessage())), START_ENGINE);
            }
            throw of(e, dockerHost, "answering a ping", masker);
        }
    }

    /** True when {@code e} came from the engine or from the way to it, not from a bug in this tool. */
    static boolean isEngineFailure(RuntimeException e) {
        return e instanceof DockerException || e instanceof DockerClientException || ioCause(e).isPresent();
    }

    /**
     * @param doing what the runner asked of the engine, for the reason: "creating the container", "pulling …"
     */
    static ContainerRunException of(RuntimeException e, String dockerHost, String doing, SecretMasker masker) {
        if (e instanceof ContainerRunException c) {
            return c;
        }
        String host = EngineConnection.describe(dockerHost);
        if (e instanceof DockerException d) {
            return new ContainerRunException(Kind.ENGINE_ERROR, "The Docker engine at " + host + " failed while " + doing
                    + ": " + masker.mask(engineMessage(d)),
                    "see the engine's own log (for example: journalctl -u docker) for the cause");
        }
        Optional<IOException> io = ioCause(e);
        if (io.isEmpty()) {
            return new ContainerRunException(Kind.ENGINE_ERROR, "Cannot use the Docker engine at " + host + " while "
                    + doing + ": " + masker.mask(String.valueOf(e.getMessage())), START_ENGINE);
        }
        IOException cause = io.get();
        String what = masker.mask(String.valueOf(cause.getMessage()));
        if (cause instanceof SSLException) {
            return new ContainerRunException(Kind.ENGINE_UNREACHABLE, "TLS with the Docker engine at " + host
                    + " failed: " + what, "check DOCKER_TLS_VERIFY and the ca.pem, cert.pem and key.pem in "
                    + "DOCKER_CERT_PATH");
        }
        if (cause instanceof ConnectException || cause instanceof UnknownHostException
                || cause instanceof NoRouteToHostException || cause instanceof SocketTimeoutException) {
            return new ContainerRunException(Kind.ENGINE_UNREACHABLE, "Cannot connect to the Docker engine at " + host
                    + ": " + what, START_ENGINE);
        }
        return new ContainerRunException(Kind.ENGINE_UNREACHABLE, "Lost the connection to the Docker engine at " + host
                + " while " + doing + ": " + what, "check that the engine is still running (it may have been "
                + "restarted), then run the build again");
    }

    /** The engine's own message: docker-java wraps it as {@code Status 500: {"message":"…"}}. */
    static String engineMessage(DockerException e) {
        String text = String.valueOf(e.getMessage()).strip();
        Matcher m = STATUS.matcher(text);
        if (!m.matches()) {
            return ContainerRunException.oneLine(text);
        }
        String body = m.group(2).strip();
        try {
            JsonNode json = JSON.readTree(body);
            if (json != null && json.hasNonNull("message")) {
                body = json.get("message").asText();
            }
        } catch (IOException notJson) {
            // a plain-text body is the message itself
        }
        return ContainerRunException.oneLine(body) + " (HTTP " + m.group(1) + ")";
    }

    private static Optional<Path> unixSocket(String host) {
        if (!host.startsWith("unix://")) {
            return Optional.empty();
        }
        try {
            return Optional.of(Path.of(URI.create(host).getPath()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static void checkSocketFile(Path socket) {
        if (!Files.exists(socket, LinkOption.NOFOLLOW_LINKS) && !Files.exists(socket)) {
            throw new ContainerRunException(Kind.ENGINE_UNREACHABLE, "No Docker engine at unix://" + socket
                    + ": the socket does not exist (the engine is not running, or listens elsewhere)", START_ENGINE);
        }
        if (!Files.isReadable(socket) || !Files.isWritable(socket)) {
            HostProcess me = HostProcess.current();
            String owner = "";
            String group = "docker";
            try {
                PosixFileAttributes a = Files.readAttributes(socket, PosixFileAttributes.class);
                group = a.group().getName();
                owner = " (owner " + a.owner().getName() + ":" + group + ", mode "
                        + PosixFilePermissions.toString(a.permissions()) + ")";
            } catch (IOException | UnsupportedOperationException e) {
                // the message names the socket anyway
            }
            throw new ContainerRunException(Kind.ENGINE_PERMISSION_DENIED, "User " + me.userName() + " (uid " + me.uid()
                    + ") may not use the Docker engine socket " + socket + owner,
                    "add the user to the group " + group + " (sudo usermod -aG " + group + " " + me.userName()
                            + ") and start a new login session so the group applies, or set DOCKER_HOST to a socket "
                            + "this user may use");
        }
    }

    private static Optional<IOException> ioCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof IOException io) {
                return Optional.of(io);
            }
        }
        return Optional.empty();
    }
}
