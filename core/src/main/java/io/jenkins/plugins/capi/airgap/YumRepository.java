package io.jenkins.plugins.capi.airgap;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerPort;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Network;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.StreamType;
import com.github.dockerjava.api.model.Volume;
import io.jenkins.plugins.capi.container.ContainerRunner;
import io.jenkins.plugins.capi.container.OutputFolder;
import io.jenkins.plugins.capi.logs.LineSplitter;
import io.jenkins.plugins.capi.logs.LogTail;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The vendor's Yum repository container, run the way the air-gap guide runs it ({@code docker run --volume
 * rpmrepo:/var/www/html/rpmrepo --publish 9000:80 <yum-repo image>}) and, unlike the guide, stopped and removed
 * again: {@link #close()} at the end of the build whatever its outcome, a shutdown hook when the JVM is asked to
 * exit, and {@link #reapOrphans} in the next run when the process was killed outright.
 *
 * <p>It counts as ready when its log prints {@value #READY_LINE} (createrepo_c has indexed the packages) and the
 * index {@code repodata/repomd.xml} is served over HTTP on the published port.
 *
 * <p>Its containers carry the tool's labels with role {@value #ROLE} and run id {@code <build run id>-yum-repo}:
 * the builder's run removes every container of its own run id before it starts, which would otherwise take the
 * repository down with it.
 */
public final class YumRepository implements AutoCloseable {

    public static final int DEFAULT_PORT = 9000;
    public static final String ROLE = "yum-repo";
    public static final String READY_LINE = "Pool finished";
    public static final String CONTAINER_PATH = "/var/www/html/rpmrepo";
    /** Where the repository's index is served; the health check fetches it. */
    public static final String INDEX = "repodata/repomd.xml";
    /** Who started the container: {@code host/pid/start-millis} (see {@link ProcessOwner}). */
    public static final String LABEL_OWNER = "io.jenkins.capi.owner";
    public static final Duration DEFAULT_READY_TIMEOUT = Duration.ofMinutes(10);

    static final String NETWORK_ROLE = "yum-repo-network";
    private static final String DEFAULT_BRIDGE = "bridge";
    private static final int CONTAINER_PORT = 80;
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);
    private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(30);
    private static final int TAIL_LINES = 40;

    /**
     * One Yum repository to start.
     *
     * @param image        the yum-repo image reference
     * @param rpmRepo      the folder to serve (the build's copy: the container writes its index into it)
     * @param port         host port published for the container's port 80
     * @param runId        the build's run id
     * @param readyTimeout how long to wait for {@value #READY_LINE}
     * @param healthHost   where this process reaches the published port: loopback for a local engine
     */
    public record Spec(String image, Path rpmRepo, int port, String runId, Duration readyTimeout, String healthHost) {
        public Spec {
            Objects.requireNonNull(image, "image");
            Objects.requireNonNull(rpmRepo, "rpmRepo");
            Objects.requireNonNull(runId, "runId");
            rpmRepo = rpmRepo.toAbsolutePath().normalize();
            readyTimeout = readyTimeout == null ? DEFAULT_READY_TIMEOUT : readyTimeout;
            healthHost = healthHost == null ? "127.0.0.1" : healthHost;
        }
    }

    private final DockerClient docker;
    private final Spec spec;
    private final String name;
    private final String network;
    private final boolean networkCreated;
    private final String containerId;
    private final LogFollower follower;
    private final Thread shutdownHook;
    private boolean closed;

    private YumRepository(DockerClient docker, Spec spec, String name, String network, boolean networkCreated,
                          String containerId, LogFollower follower) {
        this.docker = docker;
        this.spec = spec;
        this.name = name;
        this.network = network;
        this.networkCreated = networkCreated;
        this.containerId = containerId;
        this.follower = follower;
        this.shutdownHook = new Thread(this::closeAtShutdown, "capi-yum-repo-shutdown");
    }

    /** The run id the repository's container is labelled with. */
    public static String runIdOf(String buildRunId) {
        return buildRunId + "-" + ROLE;
    }

    /** The container's name for a build's run id. */
    public static String containerNameOf(String buildRunId) {
        return ContainerRunner.containerName(runIdOf(buildRunId));
    }

    /**
     * The network the container joins: the engine's default bridge, or, on an engine started without one
     * ({@code dockerd --bridge=none}, where {@code --publish} is silently ignored), a bridge network made for it.
     */
    static String networkOf(DockerClient docker, String buildRunId) {
        return hasDefaultBridge(docker) ? DEFAULT_BRIDGE : containerNameOf(buildRunId) + "-net";
    }

    /**
     * Starts the repository and waits until it is ready.
     *
     * @throws AirgapException when the port is taken, the container cannot start, exits, or is not ready in time
     *         (with its last log lines); nothing is left running
     * @throws InterruptedException when interrupted while waiting; the container has then been removed
     */
    public static YumRepository start(DockerClient docker, Spec spec, AirgapEvents events) throws InterruptedException {
        reapOrphans(docker, events);
        String name = containerNameOf(spec.runId());
        removeQuietly(docker, name);
        portProblem(docker, spec.port(), isLoopback(spec.healthHost())).ifPresent(p -> {
            throw new AirgapException("cannot publish the Yum repository on port " + spec.port() + ": " + p);
        });
        Map<String, String> labels = labels(spec.runId(), ROLE);
        String network = networkOf(docker, spec.runId());
        boolean created = !network.equals(DEFAULT_BRIDGE);
        if (created) {
            removeNetworkQuietly(docker, network);
            try {
                docker.createNetworkCmd().withName(network).withDriver("bridge")
                        .withLabels(labels(spec.runId(), NETWORK_ROLE)).exec();
            } catch (DockerException e) {
                throw new AirgapException("the engine has no bridge network and could not make one (" + network
                        + ") to publish the Yum repository's port: " + e.getMessage(), e);
            }
        }
        String id;
        try {
            ExposedPort http = ExposedPort.tcp(CONTAINER_PORT);
            Ports ports = new Ports();
            ports.bind(http, Ports.Binding.bindPort(spec.port()));
            id = docker.createContainerCmd(spec.image())
                    .withName(name)
                    .withLabels(labels)
                    .withExposedPorts(http)
                    .withHostConfig(HostConfig.newHostConfig()
                            .withNetworkMode(network)
                            .withPortBindings(ports)
                            .withBinds(new Bind(spec.rpmRepo().toString(), new Volume(CONTAINER_PATH))))
                    .exec().getId();
        } catch (DockerException | IllegalArgumentException e) {
            if (created) {
                removeNetworkQuietly(docker, network);
            }
            throw new AirgapException("cannot create the Yum repository container from " + spec.image() + ": "
                    + e.getMessage(), e);
        }
        LogFollower follower = new LogFollower(events);
        YumRepository repo = new YumRepository(docker, spec, name, network, created, id, follower);
        try {
            Runtime.getRuntime().addShutdownHook(repo.shutdownHook);
            docker.startContainerCmd(id).exec();
            events.info("Started the Yum repository " + name + " (" + id.substring(0, 12) + ") from " + spec.image()
                    + ", port " + spec.port() + " → " + CONTAINER_PORT + ", serving " + spec.rpmRepo());
            docker.logContainerCmd(id).withStdOut(true).withStdErr(true).withFollowStream(true).exec(follower);
            repo.awaitReady();
            repo.checkHealth();
        } catch (InterruptedException e) {
            repo.close();
            throw e;
        } catch (DockerException e) {
            repo.close();
            throw new AirgapException("the Yum repository " + name + " failed to start: " + e.getMessage()
                    + follower.lastLines(), e);
        } catch (RuntimeException | Error e) {
            repo.close();
            throw e;
        }
        events.info("Yum repository ready at " + repo.url());
        return repo;
    }

    private void awaitReady() throws InterruptedException {
        long deadline = System.nanoTime() + spec.readyTimeout().toNanos();
        long nextInspect = 0;
        while (!follower.ready.await(250, TimeUnit.MILLISECONDS)) {
            long now = System.nanoTime();
            if (now >= nextInspect) {
                nextInspect = now + 1_000_000_000L;
                InspectContainerResponse.ContainerState state = docker.inspectContainerCmd(containerId).exec().getState();
                if (!Boolean.TRUE.equals(state.getRunning())) {
                    follower.awaitEnd(Duration.ofSeconds(2));
                    throw new AirgapException("the Yum repository " + name + " exited with code "
                            + state.getExitCodeLong() + " before it printed \"" + READY_LINE + "\"" + follower.lastLines());
                }
            }
            if (now >= deadline) {
                throw new AirgapException("the Yum repository " + name + " did not print \"" + READY_LINE + "\" within "
                        + spec.readyTimeout() + " (the package index is not ready); give it longer or check "
                        + spec.rpmRepo() + follower.lastLines());
            }
        }
    }

    private void checkHealth() throws InterruptedException {
        URI index = URI.create(url() + INDEX);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + HEALTH_TIMEOUT.toNanos();
        String last;
        do {
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(index).timeout(Duration.ofSeconds(5)).GET().build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
                last = "HTTP " + r.statusCode();
            } catch (IOException e) {
                last = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            }
            Thread.sleep(250);
        } while (System.nanoTime() < deadline);
        throw new AirgapException("the Yum repository " + name + " is up but " + index + " does not answer (" + last
                + ") within " + HEALTH_TIMEOUT.toSeconds() + " s" + follower.lastLines());
    }

    /** {@code http://<health host>:<port>/rpmrepo/}. */
    public String url() {
        String host = spec.healthHost().contains(":") ? "[" + spec.healthHost() + "]" : spec.healthHost();
        return "http://" + host + ":" + spec.port() + "/" + Path.of(CONTAINER_PATH).getFileName() + "/";
    }

    public int port() {
        return spec.port();
    }

    public String containerName() {
        return name;
    }

    public String containerId() {
        return containerId;
    }

    /** The last lines of the repository's log (for failure messages of the build). */
    public List<String> logTail() {
        return follower.tail.lines();
    }

    /** Stops and removes the container (and the network made for it). Safe to call twice. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: this is the hook's own call
        }
        boolean interrupted = Thread.interrupted();
        try {
            stopAndRemove(docker, containerId);
            follower.closeQuietly();
            if (networkCreated) {
                removeNetworkQuietly(docker, network);
            }
            handBackFiles();
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * The container indexes the packages as root, so its {@code repodata/} belongs to root; a tool running as another
     * user could not delete the work folder. A short root container from the same image gives the files back.
     */
    private void handBackFiles() {
        // OutputFolder's ownership queries hold for any folder of this process, the package copy included
        OutputFolder files = new OutputFolder(spec.rpmRepo());
        int uid;
        int gid;
        try {
            uid = files.ownUid();
            gid = files.ownGid();
        } catch (RuntimeException e) {
            return;
        }
        if (uid == 0 || !files.hasFilesNotOwnedBy(uid)) {
            return;
        }
        String helper = docker.createContainerCmd(spec.image())
                .withName(name + "-chown")
                .withLabels(labels(spec.runId(), "chown"))
                .withUser("0:0")
                .withEntrypoint("chown")
                .withCmd("-R", uid + ":" + gid, CONTAINER_PATH)
                .withHostConfig(HostConfig.newHostConfig().withNetworkMode("none")
                        .withBinds(new Bind(spec.rpmRepo().toString(), new Volume(CONTAINER_PATH))))
                .exec().getId();
        try {
            docker.startContainerCmd(helper).exec();
            docker.waitContainerCmd(helper).start().awaitStatusCode(60, TimeUnit.SECONDS);
        } finally {
            removeQuietly(docker, helper);
        }
    }

    private void closeAtShutdown() {
        try {
            close();
        } catch (RuntimeException e) {
            System.err.println("capi-image-build: could not remove the Yum repository " + name + ": " + e.getMessage());
        }
    }

    /**
     * Stops and removes the Yum repository of a build and the network made for it, whoever started them: the second,
     * short clean-up call after an abort (the builder's {@code removeContainersOf} does not see it, its run id
     * differs).
     *
     * @return how many containers were removed
     */
    public static int removeFor(DockerClient docker, String buildRunId) {
        int removed = 0;
        for (Container c : docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(ContainerRunner.LABEL_TOOL, ContainerRunner.TOOL,
                        ContainerRunner.LABEL_RUN_ID, runIdOf(buildRunId))).exec()) {
            stopAndRemove(docker, c.getId());
            removed++;
        }
        for (Network n : docker.listNetworksCmd().exec()) {
            Map<String, String> l = n.getLabels() == null ? Map.of() : n.getLabels();
            if (runIdOf(buildRunId).equals(l.get(ContainerRunner.LABEL_RUN_ID))
                    && NETWORK_ROLE.equals(l.get(ContainerRunner.LABEL_ROLE))) {
                removeNetworkQuietly(docker, n.getId());
            }
        }
        return removed;
    }

    /**
     * Removes Yum repositories (and their networks) whose starting process is gone from this host: a killed JVM
     * leaves its repository running, and the general reaper spares running containers.
     *
     * @return how many containers were removed
     */
    public static int reapOrphans(DockerClient docker, AirgapEvents events) {
        int removed = 0;
        for (Container c : docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(ContainerRunner.LABEL_TOOL, ContainerRunner.TOOL,
                        ContainerRunner.LABEL_ROLE, ROLE)).exec()) {
            Map<String, String> l = c.getLabels() == null ? Map.of() : c.getLabels();
            if (ProcessOwner.parse(l.get(LABEL_OWNER)).filter(ProcessOwner::isGone).isPresent()) {
                events.info("Removing the Yum repository " + String.join(",", c.getNames()) + " left by run "
                        + l.get(ContainerRunner.LABEL_RUN_ID) + ", whose process is gone");
                stopAndRemove(docker, c.getId());
                removed++;
            }
        }
        for (Network n : docker.listNetworksCmd().exec()) {
            Map<String, String> l = n.getLabels() == null ? Map.of() : n.getLabels();
            boolean ours = ContainerRunner.TOOL.equals(l.get(ContainerRunner.LABEL_TOOL))
                    && NETWORK_ROLE.equals(l.get(ContainerRunner.LABEL_ROLE));
            if (ours && ProcessOwner.parse(l.get(LABEL_OWNER)).filter(ProcessOwner::isGone).isPresent()) {
                removeNetworkQuietly(docker, n.getId());
            }
        }
        return removed;
    }

    /** A Yum repository of a gone process that publishes {@code port}; {@link #start} removes it first. */
    static Optional<String> orphanPublishing(DockerClient docker, int port) {
        for (Container c : docker.listContainersCmd().withLabelFilter(Map.of(ContainerRunner.LABEL_TOOL,
                ContainerRunner.TOOL, ContainerRunner.LABEL_ROLE, ROLE)).exec()) {
            Map<String, String> l = c.getLabels() == null ? Map.of() : c.getLabels();
            boolean publishes = c.getPorts() != null && java.util.Arrays.stream(c.getPorts())
                    .anyMatch(p -> p.getPublicPort() != null && p.getPublicPort() == port);
            if (publishes && ProcessOwner.parse(l.get(LABEL_OWNER)).filter(ProcessOwner::isGone).isPresent()) {
                return Optional.of(String.join(",", c.getNames()));
            }
        }
        return Optional.empty();
    }

    /**
     * Why the port cannot be published, or empty: out of range, published by a container, or (for a local engine)
     * taken by any process of this host.
     */
    static Optional<String> portProblem(DockerClient docker, int port, boolean localEngine) {
        if (port < 1 || port > 65535) {
            return Optional.of("not a port number (1-65535)");
        }
        if (docker != null) {
            for (Container c : docker.listContainersCmd().exec()) {
                for (ContainerPort p : c.getPorts() == null ? new ContainerPort[0] : c.getPorts()) {
                    if (p.getPublicPort() != null && p.getPublicPort() == port) {
                        return Optional.of("container " + String.join(",", c.getNames()) + " (" + c.getImage()
                                + ") already publishes it");
                    }
                }
            }
        }
        if (localEngine) {
            try (ServerSocket s = new ServerSocket()) {
                s.bind(new InetSocketAddress(port));
            } catch (IOException e) {
                return Optional.of("another process on this host is listening on it (" + e.getMessage() + ")");
            }
        }
        return Optional.empty();
    }

    static boolean isLoopback(String host) {
        return host.equals("127.0.0.1") || host.equals("localhost") || host.equals("::1");
    }

    private static Map<String, String> labels(String buildRunId, String role) {
        Map<String, String> l = new LinkedHashMap<>(ContainerRunner.labels(runIdOf(buildRunId), role));
        l.put(LABEL_OWNER, ProcessOwner.current().label());
        return l;
    }

    private static boolean hasDefaultBridge(DockerClient docker) {
        return docker.listNetworksCmd().withNameFilter(DEFAULT_BRIDGE).exec().stream()
                .anyMatch(n -> DEFAULT_BRIDGE.equals(n.getName()));
    }

    private static void stopAndRemove(DockerClient docker, String id) {
        try {
            docker.stopContainerCmd(id).withTimeout((int) STOP_GRACE.toSeconds()).exec();
        } catch (NotFoundException e) {
            return;
        } catch (DockerException e) {
            // already stopped (304) or stopping: remove with force below
        }
        removeQuietly(docker, id);
    }

    private static void removeQuietly(DockerClient docker, String idOrName) {
        try {
            docker.removeContainerCmd(idOrName).withForce(true).withRemoveVolumes(true).exec();
        } catch (NotFoundException e) {
            // gone already
        }
    }

    private static void removeNetworkQuietly(DockerClient docker, String network) {
        try {
            docker.removeNetworkCmd(network).exec();
        } catch (NotFoundException e) {
            // gone already
        }
    }

    /** Follows the log: every line to the listener and the tail; the ready line opens the latch. */
    private static final class LogFollower extends ResultCallback.Adapter<Frame> {
        final CountDownLatch ready = new CountDownLatch(1);
        final LogTail tail = new LogTail(TAIL_LINES);
        private final AirgapEvents events;
        private final LineSplitter stdout = new LineSplitter(8192, this::line);
        private final LineSplitter stderr = new LineSplitter(8192, this::line);

        LogFollower(AirgapEvents events) {
            this.events = events;
        }

        private void line(LineSplitter.Line l) {
            tail.add(l.text());
            events.logLine(ROLE, l.text());
            if (l.text().contains(READY_LINE)) {
                ready.countDown();
            }
        }

        @Override
        public void onNext(Frame frame) {
            (frame.getStreamType() == StreamType.STDERR ? stderr : stdout).accept(frame.getPayload());
        }

        @Override
        public void onComplete() {
            stdout.flush();
            stderr.flush();
            super.onComplete();
        }

        void awaitEnd(Duration max) throws InterruptedException {
            awaitCompletion(max.toMillis(), TimeUnit.MILLISECONDS);
        }

        String lastLines() {
            List<String> t = tail.lines();
            return t.isEmpty() ? "; it logged nothing" : "; its last log lines: " + String.join(" | ", t.subList(
                    Math.max(0, t.size() - 10), t.size()));
        }

        void closeQuietly() {
            try {
                close();
            } catch (IOException e) {
                // the stream ends with the container
            }
        }
    }
}
