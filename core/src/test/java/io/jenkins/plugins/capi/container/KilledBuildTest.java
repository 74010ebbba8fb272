package io.jenkins.plugins.capi.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import io.jenkins.plugins.capi.testing.Engine;
import io.jenkins.plugins.capi.testing.FakeBuilder;
import io.jenkins.plugins.capi.testing.SecretScan;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code capi-image-build build} process on an output folder: a second build is refused while it runs (the
 * folder lock of another process), and after a SIGKILL the workspace holds no secret and the next build on the
 * folder cleans up what the killed one left: its container, its private imageconfig and the folder's mode.
 */
class KilledBuildTest {

    @TempDir
    Path dir;
    DockerClient docker;
    Path out;
    Path tmp;
    CliProcess cli;

    @BeforeEach
    void setUp() throws Exception {
        docker = Engine.client();
        out = Files.createDirectories(dir.resolve("output"));
        tmp = dir.resolve("tmp");
        Files.writeString(out.resolve(FakeBuilder.ISO_NAME), FakeBuilder.ISO_CONTENT);
        Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rwxr-x---"));
    }

    @AfterEach
    void cleanUp() {
        if (cli != null) {
            cli.destroy();
        }
        for (Container c : containersOnTheFolder()) {
            docker.removeContainerCmd(c.getId()).withForce(true).exec();
        }
    }

    @Test
    void aSecondBuildIsRefusedWhileOneRunsAndAfterASigkillTheNextBuildCleansUp() throws Exception {
        Path config = Files.writeString(dir.resolve("imageconfig"),
                FakeBuilder.imageconfig("rocky-8-sigterm-cleanup"), StandardCharsets.UTF_8);
        cli = CliProcess.start(dir.resolve("cli.log"), tmp,
                Map.of("VCENTER_USER", "builder@vsphere.local", "VCENTER_PASSWORD", FakeBuilder.PLANTED_PASSWORD,
                        "XDG_CACHE_HOME", dir.resolve("cache").toString()),
                "build", "--config", config.toString(), "--output-dir", out.toString(), "--image", Engine.FAKE_IMAGE,
                "--no-preflight", "--stop-grace", "20s", "--timeout", "2m");
        cli.awaitOutput("Waiting for IP", 60);

        ContainerRunner runner = new ContainerRunner(docker, Clock.systemUTC(), ContainerRunner.DEFAULT_ABANDONED_AFTER, tmp);
        RunSpec next = RunSpec.builder(Engine.FAKE_IMAGE, out, FakeBuilder.imageconfig("rocky-8") + "vcenter_password="
                        + FakeBuilder.PLANTED_PASSWORD + "\n", "rocky-8", "next-" + cli.pid())
                .secrets(List.of(FakeBuilder.PLANTED_PASSWORD)).timeout(Duration.ofMinutes(1))
                .stopGrace(Duration.ofSeconds(20)).build();
        assertThatThrownBy(() -> runner.run(next, new RecordingListener()))
                .isInstanceOfSatisfying(ContainerRunException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ContainerRunException.Kind.OUTPUT_FOLDER_IN_USE);
                    assertThat(e.reason()).contains("in use by another build", "process " + cli.pid());
                });

        cli.kill9();

        SecretScan.assertNoFileContains(out, FakeBuilder.PLANTED_PASSWORD);
        assertThat(containersOnTheFolder()).as("the killed build's container still runs").singleElement()
                .satisfies(c -> assertThat(c.getState()).isEqualTo("running"));
        assertThat(ContainerRunnerTest.modeOf(out)).as("left open by the killed build").isEqualTo("rwxrwxrwx");
        assertThat(privateConfigs()).as("the killed build's rendered imageconfig, outside the workspace").hasSize(1);

        RecordingListener listener = new RecordingListener();
        ContainerResult r = runner.run(next, listener);

        assertThat(r.exitCode()).as(String.join("\n", listener.infos)).isZero();
        assertThat(listener.infos).anyMatch(i -> i.contains("uses this output folder and the build that started it is "
                + "gone: stopping it so its Packer can clean up, then removing it"))
                .anyMatch(i -> i.startsWith("Deleted 1 rendered imageconfig(s) that killed runs left under " + tmp))
                .anyMatch(i -> i.startsWith("An earlier build on " + out + " was killed while the folder was open"));
        assertThat(containersOnTheFolder()).isEmpty();
        assertThat(privateConfigs()).isEmpty();
        assertThat(ContainerRunnerTest.modeOf(out)).isEqualTo("rwxr-x---");
        assertThat(out.resolve(FolderLock.FILE)).doesNotExist();
        SecretScan.assertNoFileContains(out, FakeBuilder.PLANTED_PASSWORD);
    }

    private List<Container> containersOnTheFolder() {
        try {
            return docker.listContainersCmd().withShowAll(true)
                    .withLabelFilter(Map.of(ContainerRunner.LABEL_OUTPUT_DIR, out.toRealPath().toString())).exec();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private List<Path> privateConfigs() throws Exception {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.filter(p -> p.getFileName().toString().startsWith("capi-imageconfig-")).toList();
        }
    }
}
