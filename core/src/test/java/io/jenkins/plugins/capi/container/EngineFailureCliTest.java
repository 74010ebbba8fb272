package io.jenkins.plugins.capi.container;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.capi.testing.Engine;
import io.jenkins.plugins.capi.testing.FakeBuilder;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a user sees on the terminal when the engine cannot be used: one line saying which socket or host and what
 * is wrong, and what to do; never a stack trace, nor a log line of the HTTP client or of docker-java.
 */
class EngineFailureCliTest {

    @TempDir
    Path dir;
    Path out;
    Path config;

    @BeforeEach
    void setUp() throws Exception {
        Engine.client();
        // a folder every user may read: the permission case runs the tool as another user
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        out = Files.createDirectories(dir.resolve("output"));
        Files.writeString(out.resolve(FakeBuilder.ISO_NAME), FakeBuilder.ISO_CONTENT);
        config = Files.writeString(dir.resolve("imageconfig"), FakeBuilder.imageconfig("rocky-8"), StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-r--r--"));
    }

    @Test
    void aMissingSocketIsNamedWithWhatToDo() throws Exception {
        String output = build(List.of(), System.getProperty("java.class.path"), "--docker-host",
                "unix://" + dir.resolve("docker.sock"));

        assertThat(output).contains("No Docker engine at unix://" + dir.resolve("docker.sock")
                + ": the socket does not exist").contains("start the Docker engine", "DOCKER_HOST");
        assertNoLibraryNoise(output);
    }

    @Test
    void aSocketThisUserMayNotUseSaysWhichGroupToJoin() throws Exception {
        Path socket = dir.resolve("engine.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw----"));
            boolean root = "root".equals(System.getProperty("user.name"));
            List<String> asOtherUser = List.of();
            String classPath = System.getProperty("java.class.path");
            if (root) {
                // root may use any socket: run the tool as nobody, from a copy of the class path nobody can read
                asOtherUser = List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups");
                classPath = readableCopyOfClassPath();
            } else {
                Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("---------"));
            }

            String output = build(asOtherUser, classPath, "--docker-host", "unix://" + socket);

            assertThat(output).contains("may not use the Docker engine socket " + socket)
                    .contains("add the user to the group", "usermod -aG", "new login session");
            assertNoLibraryNoise(output);
        }
    }

    @Test
    void anUnreachableRegistryIsOneLineWithoutAStackTrace() throws Exception {
        String output = build(List.of(), System.getProperty("java.class.path"), "--image", "localhost:1/no/such:v1");

        assertThat(output).contains("Cannot pull the builder image localhost:1/no/such:v1: ", "connection refused")
                .contains("registry credentials");
        assertNoLibraryNoise(output);
    }

    @Test
    void aRefusedTcpHostIsNamed() throws Exception {
        String output = build(List.of(), System.getProperty("java.class.path"), "--docker-host", "tcp://127.0.0.1:1");

        assertThat(output).contains("Cannot connect to the Docker engine at tcp://127.0.0.1:1").contains("DOCKER_HOST");
        assertNoLibraryNoise(output);
    }

    private String build(List<String> prefix, String classPath, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("build", "--config", config.toString(), "--output-dir",
                out.toString(), "--no-preflight"));
        args.addAll(List.of(extra));
        if (!args.contains("--image")) {
            args.addAll(List.of("--image", Engine.FAKE_IMAGE));
        }
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxrwxrwx"));
        CliProcess cli = CliProcess.start(dir.resolve("cli-" + System.nanoTime() + ".log"), tmp,
                Map.of("VCENTER_USER", "builder@vsphere.local", "VCENTER_PASSWORD", FakeBuilder.PLANTED_PASSWORD,
                        "XDG_CACHE_HOME", tmp.resolve("cache").toString(), "HOME", tmp.toString()),
                prefix, classPath, args.toArray(String[]::new));
        int code = cli.waitFor(120);
        String output = cli.output();
        assertThat(code).as(output).isEqualTo(1);
        assertThat(output).doesNotContain(FakeBuilder.PLANTED_PASSWORD);
        return output;
    }

    /** No stack trace, no logger line ({@code [thread] LEVEL logger - …}), no exception class names. */
    private static void assertNoLibraryNoise(String output) {
        assertThat(output.lines()).noneMatch(l -> l.startsWith("\tat ") || l.matches("^\\[[^]]+] (INFO|WARN|ERROR) .*")
                || l.contains("Exception"));
    }

    private String readableCopyOfClassPath() throws IOException {
        Path copyDir = Files.createDirectories(dir.resolve("cp"));
        List<String> entries = new ArrayList<>();
        int i = 0;
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path from = Path.of(entry);
            Path to = copyDir.resolve(i++ + "-" + from.getFileName());
            if (Files.isDirectory(from)) {
                try (Stream<Path> all = Files.walk(from)) {
                    for (Path p : all.toList()) {
                        Path target = to.resolve(from.relativize(p).toString());
                        if (Files.isDirectory(p)) {
                            Files.createDirectories(target);
                        } else {
                            Files.copy(p, target);
                        }
                    }
                }
            } else if (Files.isRegularFile(from)) {
                Files.copy(from, to);
            } else {
                continue;
            }
            entries.add(to.toString());
        }
        try (Stream<Path> all = Files.walk(copyDir)) {
            for (Path p : all.toList()) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
        return String.join(java.io.File.pathSeparator, entries);
    }
}
