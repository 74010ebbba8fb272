package io.jenkins.plugins.capi.airgap;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.capi.cli.CapiImageBuild;
import io.jenkins.plugins.capi.cli.ExitCode;
import io.jenkins.plugins.capi.testing.Engine;
import io.jenkins.plugins.capi.testing.FakeAirgapArchive;
import io.jenkins.plugins.capi.testing.FakeBuilder;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code build --airgap-archive} through the real command line, on the engine, with a synthetic vendor archive. */
class AirgapBuildCommandTest {

    @TempDir
    Path dir;

    private final StringWriter stdout = new StringWriter();
    private final StringWriter stderr = new StringWriter();

    @AfterAll
    static void removeImages() {
        FakeAirgapArchive.removeLoadedImages();
    }

    private int build(String... args) {
        CommandLine cl = CapiImageBuild.commandLine(Map.of("VCENTER_USER", "builder@vsphere.local",
                "VCENTER_PASSWORD", FakeBuilder.PLANTED_PASSWORD));
        cl.setOut(new PrintWriter(stdout, true));
        cl.setErr(new PrintWriter(stderr, true));
        return cl.execute(args);
    }

    @Test
    void theBuildRunsTheArchivesBuilderAgainstItsYumRepositoryAndLeavesNoContainer() throws Exception {
        Engine.client();
        Path downloads = Files.createDirectories(dir.resolve("downloads"));
        Path out = Files.createDirectories(dir.resolve("output"));
        Files.writeString(out.resolve(FakeBuilder.ISO_NAME), FakeBuilder.ISO_CONTENT);
        int port = AirgapFixture.freePort();
        Path config = Files.writeString(dir.resolve("imageconfig"), AirgapFixture.config("rocky-8-airgap", port));
        Path archive = FakeAirgapArchive.vendorLike().writeArchive(downloads);
        Path cert = AirgapFixture.certificate(downloads);

        int code = build("build", "--config", config.toString(), "--output-dir", out.toString(), "--no-preflight",
                "--airgap-archive", archive.toString(), "--airgap-cert", cert.toString(), "--yum-port",
                Integer.toString(port), "--timeout", "5m", "--stop-grace", "10s");

        assertThat(code).as(stderr.toString()).isEqualTo(ExitCode.OK);
        assertThat(stderr.toString()).contains("[yum-repo] " + YumRepository.READY_LINE)
                .contains("Yum repository http://127.0.0.1:" + port).doesNotContain(FakeBuilder.PLANTED_PASSWORD);
        assertThat(stdout.toString().strip()).endsWith("template-metadata.json");
        assertThat(FakeBuilder.containersOf("cli-")).as("no container of any CLI build is left").isEmpty();
        assertThat(dir.resolve("output.airgap")).as("the work folder is removed").doesNotExist();
    }

    @Test
    void aMismatchIsReportedBeforeAnythingIsLoaded() throws Exception {
        Path downloads = Files.createDirectories(dir.resolve("downloads"));
        Path out = Files.createDirectories(dir.resolve("output"));
        int port = AirgapFixture.freePort();
        Path config = Files.writeString(dir.resolve("imageconfig"), AirgapFixture.config("rocky-8-airgap", port)
                .replace("cni_version=1.3.0", "cni_version=1.2.0"));
        Path archive = FakeAirgapArchive.listingOnly().writeArchive(downloads);

        int code = build("plan", "--config", config.toString(), "--output-dir", out.toString(), "--no-preflight",
                "--airgap-archive", archive.toString(), "--airgap-cert", AirgapFixture.certificate(downloads).toString(),
                "--yum-port", Integer.toString(port));

        assertThat(code).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(stderr.toString()).contains("cni_version").contains("rpmrepo");
        assertThat(dir.resolve("output.airgap")).doesNotExist();
    }
}
