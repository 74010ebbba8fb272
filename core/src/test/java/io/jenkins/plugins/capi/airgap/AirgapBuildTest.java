package io.jenkins.plugins.capi.airgap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Network;
import io.jenkins.plugins.capi.container.ContainerResult;
import io.jenkins.plugins.capi.container.ContainerRunner;
import io.jenkins.plugins.capi.container.RunSpec;
import io.jenkins.plugins.capi.testing.Engine;
import io.jenkins.plugins.capi.testing.FakeAirgapArchive;
import io.jenkins.plugins.capi.testing.FakeBuilder;
import io.jenkins.plugins.capi.testing.SecretScan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Air-gapped builds end to end on the real engine, with a synthetic vendor archive: the stand-in builder, run by
 * core's {@link ContainerRunner} on the host network, fetches its packages from the stand-in Yum repository on the
 * published port. After every case: no container or network of the run is left, no load name dangles, and nothing
 * was written outside the build's folders.
 */
class AirgapBuildTest {

    @TempDir
    Path dir;

    private DockerClient docker;
    private String runId;
    private int port;
    private Path downloads;
    private Path out;
    private Path work;
    private Path cert;
    private final RecordingEvents events = new RecordingEvents();

    @BeforeEach
    void setUp() throws Exception {
        docker = Engine.client();
        runId = "airgap-test-" + UUID.randomUUID().toString().substring(0, 8);
        port = AirgapFixture.freePort();
        downloads = Files.createDirectories(dir.resolve("downloads"));
        out = Files.createDirectories(dir.resolve("output"));
        work = dir.resolve("output.airgap");
        cert = AirgapFixture.certificate(downloads);
        Files.writeString(out.resolve(FakeBuilder.ISO_NAME), FakeBuilder.ISO_CONTENT);
    }

    @AfterEach
    void nothingLeftBehind() {
        try {
            assertThat(FakeBuilder.containersOf(runId)).as("containers of run " + runId).isEmpty();
            assertThat(docker.listNetworksCmd().exec()).extracting(Network::getName)
                    .noneMatch(n -> n.startsWith(YumRepository.containerNameOf(runId)));
            assertThat(docker.listImagesCmd().withShowAll(true).exec()).flatExtracting(
                    i -> i.getRepoTags() == null ? List.of() : List.of(i.getRepoTags()))
                    .as("load names of the vendor's archives")
                    .doesNotContain("localhost/" + FakeAirgapArchive.builderTag() + ":latest",
                            "localhost/" + FakeAirgapArchive.yumTag() + ":latest");
            assertThat(work).doesNotExist();
        } finally {
            FakeAirgapArchive.removeLoadedImages();
        }
    }

    @AfterAll
    static void removeImages() {
        FakeAirgapArchive.removeLoadedImages();
    }

    private AirgapRequest request(Path source) {
        return AirgapRequest.of(source, work, runId).withCertificate(cert).withYumPort(port)
                .withTimeouts(Duration.ofSeconds(20), Duration.ofSeconds(30));
    }

    private AirgapPreparation prepare(AirgapRequest request, String config) throws InterruptedException {
        AirgapPreparation prep = AirgapPreparation.prepare(request, AirgapFixture.parse(config), AirgapFixture.OPTIONS,
                docker, events);
        assertThat(prep.errors()).as("findings").isEmpty();
        return prep;
    }

    private ContainerResult build(AirgapEnvironment env, String imageName, String config) throws InterruptedException {
        RunSpec spec = RunSpec.builder(env.builderImage(), out, config, imageName, runId)
                .timeout(Duration.ofMinutes(2)).stopGrace(Duration.ofSeconds(5)).heartbeatInterval(Duration.ofMinutes(1))
                .build();
        return new ContainerRunner(docker).run(spec, events);
    }

    @Test
    void theBuilderFetchesItsPackagesFromTheYumRepositoryAndEverythingIsRemovedAfterwards() throws Exception {
        Path archive = FakeAirgapArchive.vendorLike().writeArchive(downloads);
        TreeMap<String, String> before = AirgapFixture.snapshot(downloads);
        String config = AirgapFixture.config("rocky-8-airgap", port);

        AirgapPreparation prep = prepare(request(archive), config);
        assertThat(prep.builderImage()).contains("localhost/capi-builder:" + FakeAirgapArchive.builderTag());
        assertThat(docker.listImagesCmd().exec()).as("nothing is loaded by prepare").flatExtracting(
                i -> i.getRepoTags() == null ? List.of() : List.of(i.getRepoTags()))
                .doesNotContain("localhost/capi-builder:" + FakeAirgapArchive.builderTag());
        assertThat(prep.plan()).extracting(PlannedStep::action)
                .containsExactly("load", "load", "extract", "extract", "extract", "copy", "start", "stage", "remove");

        ContainerResult result;
        try (AirgapEnvironment env = prep.setUp(docker, events)) {
            assertThat(env.builderImage()).isEqualTo("localhost/capi-builder:" + FakeAirgapArchive.builderTag());
            assertThat(env.workDir()).isEqualTo(work);
            assertThat(work.resolve("rpmrepo/server.crt")).hasSameTextualContentAs(cert);
            assertThat(work.resolve("rpmrepo/repodata/repomd.xml")).exists();
            assertThat(env.imageConfigTemplate()).contains(work.resolve("imageconfig"));
            assertThat(env.stageKickstart(out, "rockylinux-8")).contains(out.resolve("ks.cfg"));
            result = build(env, "rocky-8-airgap", config);
        }

        assertThat(result.exitCode()).as(String.join("\n", events.lines)).isZero();
        assertThat(events.lines).anyMatch(l -> l.startsWith("builder: airgap: Yum repository http://127.0.0.1:" + port
                + "/rpmrepo answers with 3 packages; certificate: -----BEGIN CERTIFICATE-----"));
        assertThat(events.lines).contains("yum-repo: " + YumRepository.READY_LINE);
        assertThat(events.progress).extracting(AirgapProgress::step).contains(AirgapProgress.Step.INSPECTING,
                AirgapProgress.Step.LOADING, AirgapProgress.Step.EXTRACTING);
        assertThat(events.infos).anyMatch(i -> i.contains("dropped the load name localhost/"
                + FakeAirgapArchive.builderTag() + ":latest"));
        assertThat(EngineImages.idOf(docker, "localhost/capi-builder:" + FakeAirgapArchive.builderTag()))
                .as("the documented name stays for the next build").isPresent();
        assertThat(EngineImages.idOf(docker, "localhost/yum-repo:" + FakeAirgapArchive.yumTag())).isPresent();
        assertThat(AirgapFixture.snapshot(downloads)).as("the user's downloads are untouched").isEqualTo(before);
        assertThat(out.resolve("ks.cfg")).as("the staged kickstart is removed").doesNotExist();
        assertThat(out.resolve("imageconfig")).doesNotExist();
    }

    @Test
    void aSecondBuildUsesTheImagesAlreadyLoaded() throws Exception {
        Path archive = FakeAirgapArchive.vendorLike().writeArchive(downloads);
        String config = AirgapFixture.config("rocky-8-again", port);
        try (AirgapEnvironment env = prepare(request(archive), config).setUp(docker, events)) {
            assertThat(env.builderImage()).isNotNull();
        }
        events.infos.clear();

        AirgapPreparation again = prepare(request(archive), config);
        assertThat(again.plan()).extracting(PlannedStep::action).startsWith("use", "use");
        try (AirgapEnvironment env = again.setUp(docker, events)) {
            assertThat(build(env, "rocky-8-again", config).exitCode()).isZero();
        }
        assertThat(events.infos).noneMatch(i -> i.startsWith("Loading "));
        assertThat(events.infos).anyMatch(i -> i.contains("already loaded"));
    }

    @Test
    void anExtractedFolderWithRegistryNamedImagesIsCopiedNeverChanged() throws Exception {
        Path folder = FakeAirgapArchive.vendorLike().registryNaming().writeFolder(downloads.resolve("extracted"));
        TreeMap<String, String> before = AirgapFixture.snapshot(downloads);
        String config = AirgapFixture.config("rocky-8-folder", port);

        try (AirgapEnvironment env = prepare(request(folder), config).setUp(docker, events)) {
            assertThat(build(env, "rocky-8-folder", config).exitCode()).as(String.join("\n", events.lines)).isZero();
            assertThat(EngineImages.idOf(docker, "us-docker.pkg.dev/palette-images/palette/imagebuilder/capi-builder:"
                    + FakeAirgapArchive.builderTag())).as("a registry name is the image's own; it stays").isPresent();
        }
        assertThat(AirgapFixture.snapshot(downloads)).isEqualTo(before);
        assertThat(folder.resolve("rpmrepo/repodata")).as("the index is written into the copy only").doesNotExist();
    }

    @Test
    void aYumRepositoryThatNeverBecomesReadyFailsWithItsLogTailAndIsRemoved() throws Exception {
        Path archive = FakeAirgapArchive.vendorLike().yumMarker(FakeAirgapArchive.NEVER_READY).writeArchive(downloads);
        AirgapRequest request = request(archive).withTimeouts(Duration.ofSeconds(3), null);
        AirgapPreparation prep = prepare(request, AirgapFixture.config("rocky-8-stuck", port));

        assertThatThrownBy(() -> prep.setUp(docker, events))
                .isInstanceOf(AirgapException.class)
                .hasMessageContaining("did not print \"Pool finished\" within PT3S")
                .hasMessageContaining("Pool started (with 5 workers)");
    }

    @Test
    void aYumRepositoryThatExitsFailsWithItsExitCode() throws Exception {
        Path archive = FakeAirgapArchive.vendorLike().yumMarker(FakeAirgapArchive.YUM_FAILS).writeArchive(downloads);
        AirgapPreparation prep = prepare(request(archive), AirgapFixture.config("rocky-8-broken", port));

        assertThatThrownBy(() -> prep.setUp(docker, events))
                .isInstanceOf(AirgapException.class)
                .hasMessageContaining("exited with code 1 before it printed \"Pool finished\"")
                .hasMessageContaining("C_CREATEREPOLIB: Critical");
    }

    @Test
    void aPortTakenAfterThePreparationStopsTheStartCleanly() throws Exception {
        Path archive = FakeAirgapArchive.vendorLike().writeArchive(downloads);
        AirgapPreparation prep = prepare(request(archive), AirgapFixture.config("rocky-8-port", port));
        try (java.net.ServerSocket taken = new java.net.ServerSocket(port)) {
            assertThatThrownBy(() -> prep.setUp(docker, events))
                    .isInstanceOf(AirgapException.class)
                    .hasMessageContaining("cannot publish the Yum repository on port " + port);
        }
    }

    @Test
    void abortWhileLoadingLeavesNoImageNameBehind() throws Exception {
        Path archive = FakeAirgapArchive.vendorLike().writeArchive(downloads);
        AirgapPreparation prep = prepare(request(archive), AirgapFixture.config("rocky-8-abort-load", port));
        Thread build = Thread.currentThread();
        AtomicBoolean once = new AtomicBoolean();
        // the first progress of the builder's load arrives on the transport's thread before any byte is sent:
        // abort there and hold the upload back until the abort has been seen
        events.onProgress(p -> {
            if (p.step() == AirgapProgress.Step.LOADING && once.compareAndSet(false, true)) {
                build.interrupt();
                sleep(Duration.ofSeconds(1));
            }
        });

        assertThatThrownBy(() -> prep.setUp(docker, events)).isInstanceOf(InterruptedException.class);
        Thread.interrupted();

        assertThat(events.infos).anyMatch(i -> i.startsWith("Loading ") && i.contains("capi-builder-"))
                .noneMatch(i -> i.startsWith("Loaded "));
        assertThat(EngineImages.idOf(docker, "localhost/capi-builder:" + FakeAirgapArchive.builderTag())).isEmpty();
        assertThat(EngineImages.idOf(docker, "localhost/yum-repo:" + FakeAirgapArchive.yumTag())).isEmpty();
    }

    @Test
    void abortWhileWaitingForTheYumRepositoryRemovesIt() throws Exception {
        Path archive = FakeAirgapArchive.vendorLike().yumMarker(FakeAirgapArchive.NEVER_READY).writeArchive(downloads);
        AirgapPreparation prep = prepare(request(archive).withTimeouts(Duration.ofMinutes(5), null),
                AirgapFixture.config("rocky-8-abort-wait", port));
        Thread build = Thread.currentThread();
        events.onLine(l -> {
            if (l.startsWith("yum-repo: Pool started")) {
                build.interrupt();
            }
        });

        assertThatThrownBy(() -> prep.setUp(docker, events)).isInstanceOf(InterruptedException.class);
        Thread.interrupted();
        assertThat(events.lines).contains("yum-repo: Pool started (with 5 workers)");
    }

    @Test
    void abortWhileBuildingStopsTheBuilderAndTheRepository() throws Exception {
        Path archive = FakeAirgapArchive.vendorLike().writeArchive(downloads);
        String config = AirgapFixture.config("rocky-8-sigterm", port);
        AirgapPreparation prep = prepare(request(archive), config);
        Thread build = Thread.currentThread();
        events.onLine(l -> {
            if (l.contains("Waiting for IP")) {
                build.interrupt();
            }
        });

        try (AirgapEnvironment env = prep.setUp(docker, events)) {
            assertThatThrownBy(() -> build(env, "rocky-8-sigterm", config)).isInstanceOf(InterruptedException.class);
            Thread.interrupted();
        }
        assertThat(events.lines).anyMatch(l -> l.contains("Cleanly cancelled builds after being interrupted."));
    }

    @Test
    void aYumRepositoryLeftByADeadProcessIsRemovedBeforeTheNextStarts() throws Exception {
        Path archive = FakeAirgapArchive.vendorLike().writeArchive(downloads);
        AirgapPreparation prep = prepare(request(archive), AirgapFixture.config("rocky-8-orphan", port));
        String deadRun = runId + "-dead";
        try (AirgapEnvironment env = prep.setUp(docker, events)) {
            // what a killed JVM leaves: a running repository whose owner process no longer exists
            String host = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
            Map<String, String> labels = new java.util.LinkedHashMap<>(ContainerRunner.labels(
                    YumRepository.runIdOf(deadRun), YumRepository.ROLE));
            labels.put(YumRepository.LABEL_OWNER, host + "/" + Integer.MAX_VALUE + "/1");
            String orphan = docker.createContainerCmd(env.yumImage()).withLabels(labels)
                    .withName(YumRepository.containerNameOf(deadRun))
                    .withHostConfig(com.github.dockerjava.api.model.HostConfig.newHostConfig().withNetworkMode("none"))
                    .exec().getId();
            docker.startContainerCmd(orphan).exec();

            assertThat(YumRepository.reapOrphans(docker, events)).isEqualTo(1);
            assertThat(FakeBuilder.containersOf(deadRun)).isEmpty();
            assertThat(FakeBuilder.containersOf(YumRepository.runIdOf(runId))).as("a live build's repository stays")
                    .hasSize(1);
        }
    }

    @Test
    void theSecondCleanUpCallAfterAnAbortRemovesTheRepositoryByRunId() throws Exception {
        Path archive = FakeAirgapArchive.vendorLike().writeArchive(downloads);
        AirgapEnvironment env = prepare(request(archive), AirgapFixture.config("rocky-8-cleanup", port))
                .setUp(docker, events);
        try {
            assertThat(YumRepository.removeFor(docker, runId)).isEqualTo(1);
            assertThat(FakeBuilder.containersOf(runId)).isEmpty();
        } finally {
            env.close();
        }
    }

    @Test
    void theKubernetesPackRunsBeforeTheBuilderWithItsOutputMasked() throws Exception {
        String secret = "Pl4nted-Registry-S3cret-91c";
        Path pack = downloads.resolve("airgap-pack-kubernetes-1.30.4.bin");
        Files.writeString(pack, "#!/bin/sh\necho \"uploading kube-apiserver:v1.30.4 with password " + secret + "\"\n"
                + "pwd > where\necho done\n");
        Path archive = FakeAirgapArchive.vendorLike().writeArchive(downloads);
        AirgapRequest request = request(archive).withKubernetesPack(pack, true).withSecrets(List.of(secret));
        TreeMap<String, String> before = AirgapFixture.snapshot(downloads);

        try (AirgapEnvironment env = prepare(request, AirgapFixture.config("rocky-8-pack", port)).setUp(docker, events)) {
            assertThat(work.resolve("pack/where")).as("it ran in the build's folder").exists();
        }
        assertThat(events.lines).contains("kubernetes-pack: uploading kube-apiserver:v1.30.4 with password ****",
                "kubernetes-pack: done");
        assertThat(events.all()).doesNotContain(secret);
        SecretScan.assertNoFileContains(out, secret);
        assertThat(AirgapFixture.snapshot(downloads)).isEqualTo(before);
    }

    @Test
    void aFailingKubernetesPackStopsTheSetUpWithItsLastLines() throws Exception {
        Path pack = downloads.resolve("airgap-pack-kubernetes-1.30.4.bin");
        Files.writeString(pack, "#!/bin/sh\necho 'Error: registry airgap-support.test:5000 refused the upload' >&2\n"
                + "exit 3\n");
        Path archive = FakeAirgapArchive.vendorLike().writeArchive(downloads);
        AirgapRequest request = request(archive).withKubernetesPack(pack, true);

        AirgapPreparation prep = prepare(request, AirgapFixture.config("rocky-8-pack-fails", port));
        assertThatThrownBy(() -> prep.setUp(docker, events))
                .isInstanceOf(AirgapException.class)
                .hasMessageContaining("exited with code 3")
                .hasMessageContaining("refused the upload");
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
