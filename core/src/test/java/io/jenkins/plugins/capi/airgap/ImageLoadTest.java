package io.jenkins.plugins.capi.airgap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import io.jenkins.plugins.capi.testing.Engine;
import io.jenkins.plugins.capi.testing.FakeAirgapArchive;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Both ways an image tar reaches the engine's image-load API: straight over the UNIX socket (local engines) and
 * through docker-java (engines on tcp://). Each must report the names from the engine's answer and its errors.
 */
class ImageLoadTest {

    @TempDir
    Path dir;

    private final DockerClient docker = Engine.client();

    @AfterEach
    void removeImages() {
        FakeAirgapArchive.removeLoadedImages();
    }

    private static Path socket(String transport) {
        return transport.equals("socket") ? EngineSocket.unixSocketOf(null).orElseThrow() : null;
    }

    private static ProgressReporter progress() {
        return new ProgressReporter(AirgapEvents.NONE, AirgapProgress.Step.LOADING, "test", () -> 0, -1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"socket", "docker-java"})
    void theNamesComeFromTheEnginesAnswer(String transport) throws Exception {
        Path folder = FakeAirgapArchive.vendorLike().writeFolder(dir.resolve("bundle"));
        Path tar = folder.resolve("capi-builder-" + FakeAirgapArchive.builderTag() + ".tar");

        List<String> loaded;
        try (InputStream in = Files.newInputStream(tar)) {
            ImageLoad load = ImageLoad.start(docker, socket(transport), tar.toString(), in, progress());
            load.awaitBodySent();
            assertThat(load.bodySent()).isTrue();
            loaded = load.awaitLoaded(Duration.ofMinutes(2));
        }

        assertThat(loaded).containsExactly("localhost/" + FakeAirgapArchive.builderTag() + ":latest");
        assertThat(EngineImages.idOf(docker, loaded.get(0))).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"socket", "docker-java"})
    void anAbortedUploadLoadsNothing(String transport) throws Exception {
        Path folder = FakeAirgapArchive.vendorLike().writeFolder(dir.resolve("bundle"));
        Path tar = folder.resolve("capi-builder-" + FakeAirgapArchive.builderTag() + ".tar");
        CountDownLatch sending = new CountDownLatch(1);
        CountDownLatch aborted = new CountDownLatch(1);
        // the first progress comes from the sending thread before its first byte: hold it there until aborted
        AirgapEvents holdFirstRead = new AirgapEvents() {
            @Override
            public void info(String message) {}

            @Override
            public void progress(AirgapProgress p) {
                sending.countDown();
                try {
                    aborted.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }

            @Override
            public void logLine(String source, String line) {}
        };

        try (InputStream in = Files.newInputStream(tar)) {
            ImageLoad load = ImageLoad.start(docker, socket(transport), tar.toString(), in,
                    new ProgressReporter(holdFirstRead, AirgapProgress.Step.LOADING, "test", () -> 0, -1));
            assertThat(sending.await(30, TimeUnit.SECONDS)).isTrue();
            load.abort();
            aborted.countDown();
            load.awaitBodySent();
            assertThat(load.bodySent()).isFalse();
            assertThatThrownBy(() -> load.awaitLoaded(Duration.ofMinutes(1))).isInstanceOf(AirgapException.class)
                    .hasMessageContaining("aborted");
        }
        assertThat(EngineImages.idOf(docker, "localhost/" + FakeAirgapArchive.builderTag() + ":latest")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"socket", "docker-java"})
    void aTarThatIsNoImageIsTheEnginesError(String transport) throws Exception {
        Path tar = dir.resolve("not-an-image.tar");
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(Files.newOutputStream(tar))) {
            byte[] text = "hello\n".getBytes(StandardCharsets.UTF_8);
            TarArchiveEntry e = new TarArchiveEntry("hello.txt");
            e.setSize(text.length);
            out.putArchiveEntry(e);
            out.write(text);
            out.closeArchiveEntry();
        }

        try (InputStream in = Files.newInputStream(tar)) {
            ImageLoad load = ImageLoad.start(docker, socket(transport), tar.toString(), in, progress());
            load.awaitBodySent();
            assertThatThrownBy(() -> load.awaitLoaded(Duration.ofMinutes(1)))
                    .isInstanceOf(AirgapException.class)
                    .hasMessageContaining("the engine could not load " + tar)
                    .hasMessageMatching("(?s).*could not load .*: .+");
        }
    }
}
