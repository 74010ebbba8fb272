package io.jenkins.plugins.capi.container;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import io.jenkins.plugins.capi.iso.Sha256;
import io.jenkins.plugins.capi.testing.Engine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ctrl-C on a real {@code capi-image-build build} process: exit 130, no container, no imageconfig left. */
class BuildCommandCtrlCTest {

    private static final String PASSWORD = "CtrlC-Pl4nted-S3cret";

    @TempDir
    Path dir;

    @Test
    void sigintStopsTheContainerGracefullyAndExits130() throws Exception {
        DockerClient docker = Engine.client();
        Path out = Files.createDirectories(dir.resolve("output"));
        Path iso = Files.write(out.resolve("Rocky-8-latest-x86_64-dvd.iso"), new byte[4096]);
        // Nothing listens on loopback port 9: the look for the build VM after the stop fails at once, whatever DNS does.
        Path config = Files.writeString(dir.resolve("imageconfig"), "os_version=rockylinux-8\nimage_type=standard\n"
                + "image_name=rocky-8-sigterm-cleanup\ncloud_type=vmware\nk8s_version=1.30.4\ncni_version=1.3.0\n"
                + "containerd_version=1.7.13\ncrictl_version=1.28.0\niso_name=Rocky-8-latest-x86_64-dvd.iso\n"
                + "iso_checksum=" + Sha256.of(iso) + "\nvcenter_server=127.0.0.1:9\nvcenter_datacenter=DC0\n"
                + "vcenter_datastore=LocalDS_0\nvcenter_network=net\nvcenter_folder=templates\nvcenter_cluster=C0\n"
                + "vcenter_resource_pool=\nairgap=false\nfake_step_seconds=0.01\n", StandardCharsets.UTF_8);
        Path log = dir.resolve("cli.log");
        // env --default-signal=INT: a test JVM started as a background job inherits SIGINT ignored, and the JVM
        // then leaves it ignored (as it should), so the CLI would never see this Ctrl-C.
        ProcessBuilder pb = new ProcessBuilder(List.of("env", "--default-signal=INT",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.jenkins.plugins.capi.cli.CapiImageBuild", "build",
                "--config", config.toString(), "--output-dir", out.toString(), "--image", Engine.FAKE_IMAGE,
                "--no-preflight", "--stop-grace", "20s", "--timeout", "2m"));
        pb.environment().put("VCENTER_USER", "builder@vsphere.local");
        pb.environment().put("VCENTER_PASSWORD", PASSWORD);
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        Process p = pb.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.readString(log).contains("Waiting for IP") && System.nanoTime() < deadline) {
                assertThat(p.isAlive()).as(Files.readString(log)).isTrue();
                Thread.sleep(100);
            }
            assertThat(Files.readString(log)).contains("Waiting for IP");
            new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).inheritIO().start().waitFor();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                // what the CLI was doing when it did not end: its threads and its output
                Path threads = dir.resolve("threads.txt");
                new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jstack").toString(),
                        Long.toString(p.pid())).redirectErrorStream(true).redirectOutput(threads.toFile()).start()
                        .waitFor(30, TimeUnit.SECONDS);
                throw new AssertionError("the CLI did not end within 60 s of Ctrl-C\n" + Files.readString(log)
                        + "\n" + Files.readString(threads));
            }

            String output = Files.readString(log);
            assertThat(p.exitValue()).as(output).isEqualTo(130);
            assertThat(output).contains("Destroying VM", "looking in vCenter 127.0.0.1:9 for the VM the build left behind",
                    "could not look for the build VM").doesNotContain(PASSWORD);
            assertThat(out.resolve("imageconfig")).doesNotExist();
            assertThat(docker.listContainersCmd().withShowAll(true)
                    .withLabelFilter(Map.of(ContainerRunner.LABEL_OUTPUT_DIR, out.toRealPath().toString())).exec())
                    .as("containers on this test's output folder (other suites share the engine)").isEmpty();
        } finally {
            p.destroyForcibly();
            // a CLI that hung leaves its container running: no later suite on this engine should meet it
            docker.listContainersCmd().withShowAll(true)
                    .withLabelFilter(Map.of(ContainerRunner.LABEL_OUTPUT_DIR, out.toRealPath().toString())).exec()
                    .forEach(c -> docker.removeContainerCmd(c.getId()).withForce(true).exec());
        }
    }
}
