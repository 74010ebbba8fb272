package io.jenkins.plugins.capi.jenkins.airgap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import hudson.model.Label;
import hudson.model.Result;
import io.jenkins.plugins.capi.airgap.YumRepository;
import io.jenkins.plugins.capi.jenkins.JenkinsFixtures;
import io.jenkins.plugins.capi.jenkins.run.BuildRunId;
import io.jenkins.plugins.capi.testing.FakeAirgapArchive;
import io.jenkins.plugins.capi.testing.FakeBuilder;
import io.jenkins.plugins.capi.testing.SecretScan;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * An air-gapped Pipeline build on an agent with a synthetic vendor archive (core's stand-in builder and Yum
 * repository, saved and packed like the vendor's): the archive's builder runs against its Yum repository, and
 * neither a container nor the extracted work folder is left.
 */
@WithJenkins
class AirgapStepTest {

    @TempDir
    Path dir;

    @AfterAll
    static void removeImages() {
        FakeAirgapArchive.removeLoadedImages();
    }

    @Test
    void theArchivesBuilderRunsAgainstItsYumRepositoryAndNothingIsLeft(JenkinsRule r) throws Exception {
        FakeBuilder.assumeDockerAndImage();
        r.createOnlineSlave(Label.get("capi"));
        JenkinsFixtures.addVsphereCredentials(r);
        Path downloads = Files.createDirectories(dir.resolve("downloads"));
        Path archive = FakeAirgapArchive.vendorLike().writeArchive(downloads);
        Path certificate = downloads.resolve("server.crt");
        try (InputStream in = AirgapStepTest.class.getResourceAsStream("/airgap/server.crt")) {
            Files.copy(in, certificate);
        }
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        // the stand-in builder fetches its packages from the Yum repository at 127.0.0.1:<port>
        String airgapped = "airgap=true\nairgap_ip=127.0.0.1\nfake_yum_port=" + port + "\n";
        String script = JenkinsFixtures.nodeWithImageconfig("rocky-8-airgap").replace("airgap=false\n", airgapped)
                + """
                  def image = capiImageBuild credentialsId: '%s', preflight: false, timeoutMinutes: 5,
                      stopGraceSeconds: 10, airgap: [archive: '%s', certificate: '%s', yumPort: %d]
                  echo "template=${image.templateName} work=${fileExists('capi-output.airgap')}"
                }
                """.formatted(JenkinsFixtures.VSPHERE, archive, certificate, port);

        WorkflowRun b = JenkinsFixtures.runPipeline(r, script, Result.SUCCESS);

        r.assertLogContains("[yum-repo] " + YumRepository.READY_LINE, b);
        r.assertLogContains("template=rocky-8-airgap work=false", b);
        assertEquals(List.of(), FakeBuilder.containersOf(BuildRunId.of(b)), "no container of the build is left");
        r.assertLogNotContains(FakeBuilder.PLANTED_PASSWORD, b);
        SecretScan.assertNoFileContains(b.getRootDir().toPath(), FakeBuilder.PLANTED_PASSWORD);
    }
}
