package io.jenkins.plugins.capi.container;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import io.jenkins.plugins.capi.cli.CapiImageBuild;
import io.jenkins.plugins.capi.iso.Sha256;
import io.jenkins.plugins.capi.metadata.MetadataJson;
import io.jenkins.plugins.capi.metadata.TemplateMetadata;
import io.jenkins.plugins.capi.testing.Engine;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The whole path through the CLI: config → ISO check → container (fake builder) → metadata, on the real engine. */
class BuildCommandEndToEndTest {

    private static final String PASSWORD = "E2e-Pl4nted'S3cret$";

    @TempDir
    Path dir;

    private DockerClient docker;
    private Path out;
    private final StringWriter stdout = new StringWriter();
    private final StringWriter stderr = new StringWriter();

    @BeforeEach
    void setUp() throws Exception {
        docker = Engine.client();
        out = Files.createDirectories(dir.resolve("output"));
        Files.write(out.resolve("Rocky-8-latest-x86_64-dvd.iso"), new byte[64 * 1024]);
    }

    @AfterEach
    void noContainerLeft() throws Exception {
        // other suites share the engine: only containers on this test's output folder count
        assertThat(docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(ContainerRunner.LABEL_OUTPUT_DIR, out.toRealPath().toString())).exec()).isEmpty();
    }

    private Path config(String imageName) throws Exception {
        String checksum = Sha256.of(out.resolve("Rocky-8-latest-x86_64-dvd.iso"));
        String text = "os_version=rockylinux-8\nimage_type=standard\nimage_name=" + imageName + "\ncloud_type=vmware\n"
                + "k8s_version=1.30.4\ncni_version=1.3.0\ncontainerd_version=1.7.13\ncrictl_version=1.28.0\n"
                + "iso_name=Rocky-8-latest-x86_64-dvd.iso\niso_checksum=" + checksum + "\n"
                + "vcenter_server=vcenter.example.test\nvcenter_datacenter=DC0\nvcenter_datastore=LocalDS_0\n"
                + "vcenter_network='VM Network'\nvcenter_folder=templates\nvcenter_cluster=DC0_C0\n"
                + "vcenter_resource_pool=\nairgap=false\nfake_step_seconds=0.01\n";
        Path file = dir.resolve("imageconfig");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    private int build(Path config) {
        CommandLine cl = CapiImageBuild.commandLine(java.util.Map.of());
        cl.setOut(new PrintWriter(stdout, true));
        cl.setErr(new PrintWriter(stderr, true));
        // Credentials come from the environment in real use; here the password file carries the planted secret.
        return cl.execute("build", "--config", config.toString(), "--output-dir", out.toString(),
                "--image", Engine.FAKE_IMAGE, "--no-preflight", "--timeout", "2m", "--stop-grace", "10s",
                "--vcenter-user", "builder@vsphere.local", "--vcenter-password-file", writePasswordFile().toString());
    }

    private Path writePasswordFile() {
        try {
            return Files.writeString(dir.resolve("vcenter-password"), PASSWORD + "\n");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void buildRunsTheContainerAndPrintsTheMetadataPath() throws Exception {
        int code = build(config("rocky-8"));

        assertThat(code).as(stderr.toString()).isZero();
        Path metadataFile = Path.of(stdout.toString().strip());
        assertThat(metadataFile).isEqualTo(MetadataJson.defaultFile(out)).exists();
        TemplateMetadata m = MetadataJson.read(metadataFile);
        assertThat(m.imageName()).isEqualTo("rocky-8");
        assertThat(m.kubernetesVersion()).isEqualTo("1.30.4");
        assertThat(m.ova().fileName()).endsWith(".ova");
        assertThat(m.ova().checksumFileVerified()).isTrue();
        assertThat(m.vcenter().templateInventoryPath()).startsWith("/DC0/vm/templates/");
        assertThat(stderr.toString()).contains("[capi]").doesNotContain(PASSWORD);
        assertThat(Files.readString(metadataFile)).doesNotContain(PASSWORD);
        assertThat(out.resolve("imageconfig")).doesNotExist();
        try (Stream<Path> files = Files.walk(out)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                if (Files.size(f) < 10_000_000) {
                    assertThat(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1))
                            .as("file %s", f).doesNotContain(PASSWORD);
                }
            }
        }
    }

    @Test
    void aFailedBuildExitsOneWithAHint() throws Exception {
        int code = build(config("rocky-8-fail-ip-timeout"));

        assertThat(code).isEqualTo(1);
        assertThat(stderr.toString()).contains("build failed").containsIgnoringCase("IP").doesNotContain(PASSWORD);
        assertThat(out.resolve("imageconfig")).doesNotExist();
    }

    @Test
    void anInvalidConfigStartsNothingAndExitsTwo() throws Exception {
        Path config = config("rocky-8");
        Files.writeString(config, Files.readString(config).replace("k8s_version=1.30.4", "k8s_version=v1.30"));

        assertThat(build(config)).isEqualTo(2);
        assertThat(stderr.toString()).contains("k8s_version").contains("not started");
    }
}
