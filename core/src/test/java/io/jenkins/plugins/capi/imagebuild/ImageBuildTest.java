package io.jenkins.plugins.capi.imagebuild;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.capi.config.Finding;
import io.jenkins.plugins.capi.config.Overrides;
import io.jenkins.plugins.capi.config.Setting;
import io.jenkins.plugins.capi.container.ContainerEvents;
import io.jenkins.plugins.capi.container.ContainerPlan;
import io.jenkins.plugins.capi.container.ContainerResult;
import io.jenkins.plugins.capi.container.RunSpec;
import io.jenkins.plugins.capi.iso.IsoCheck;
import io.jenkins.plugins.capi.secrets.BuildSecrets;
import io.jenkins.plugins.capi.testing.Engine;
import io.jenkins.plugins.capi.testing.FakeBuilder;
import io.jenkins.plugins.capi.testing.RecordedEvents;
import io.jenkins.plugins.capi.vsphere.VsphereTls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The orchestrator: what it refuses before anything starts, how engine failures end, and what the log never shows. */
class ImageBuildTest {

    private static final String ISO = "Rocky-8-latest-x86_64-dvd.iso";

    @TempDir
    Path dir;

    /** An engine that must not be used: the build was supposed to stop before it. */
    private static final BuilderEngine UNTOUCHED = new BuilderEngine() {
        @Override
        public ContainerPlan plan(RunSpec spec) {
            throw new AssertionError("the engine was asked for a plan");
        }

        @Override
        public ContainerResult run(RunSpec spec, ContainerEvents events) {
            throw new AssertionError("the engine was asked to run a container");
        }
    };

    private Path output() throws Exception {
        Path out = Files.createDirectories(dir.resolve("output"));
        Files.writeString(out.resolve(ISO), FakeBuilder.ISO_CONTENT);
        return out;
    }

    private Path config(String... extraLines) throws Exception {
        return Files.writeString(dir.resolve("imageconfig"), FakeBuilder.imageconfig("rocky-8", extraLines));
    }

    private BuildRequest.Builder request(Path config, Path out) {
        return BuildRequest.builder(config, out, "test-" + Long.toHexString(System.nanoTime()))
                .builderImage(FakeBuilder.IMAGE)
                .preflight(false)
                .timeout(Duration.ofMinutes(2))
                .stopGrace(Duration.ofSeconds(10))
                .secrets(BuildSecrets.vcenter("builder@vsphere.local", FakeBuilder.PLANTED_PASSWORD));
    }

    @Test
    void badSettingsAreAllRefusedBeforeTheEngineIsTouched() throws Exception {
        Path out = output();
        Path file = Files.writeString(dir.resolve("not-a-folder"), "x");
        BuildRequest bad = BuildRequest.builder(config(), file, "r1")
                .builderImage("UPPER/Case:tag")
                .dockerHost("ssh://builder@docker.example.com")
                .timeout(Duration.ofMinutes(-5))
                .stopGrace(Duration.ofSeconds(-1))
                .vsphereTls(new VsphereTls(dir.resolve("missing.pem"), true))
                .build();
        RecordedEvents events = new RecordedEvents();
        BuildOutcome outcome = new ImageBuild(UNTOUCHED, IsoCheck.withoutCache(), VcenterChecks.real()).run(bad, events);
        assertThat(outcome).isInstanceOf(BuildOutcome.Rejected.class);
        assertThat(((BuildOutcome.Rejected) outcome).findings()).extracting(Finding::setting).contains(
                Setting.BUILDER_IMAGE, Setting.DOCKER_HOST, Setting.TIMEOUT, Setting.STOP_GRACE, Setting.OUTPUT_DIR,
                Setting.VCENTER_TRUST);
        assertThat(events.findings).anySatisfy(f -> assertThat(f.message()).contains("must be lower case: write upper/case"));
        assertThat(out.toFile().list()).containsExactly(ISO);
    }

    @Test
    void aSecretInTheOverridesRefusesTheBuildAndIsNeverShown() throws Exception {
        RecordedEvents events = new RecordedEvents();
        BuildRequest r = request(config(), output())
                .overrides(Overrides.fromMap(Map.of("vcenter_password", "Ov3rride-S3cret"), "overrides")).build();
        BuildOutcome outcome = new ImageBuild(UNTOUCHED, IsoCheck.withoutCache(), VcenterChecks.real()).run(r, events);
        assertThat(outcome).isInstanceOf(BuildOutcome.Rejected.class);
        assertThat(events.transcript()).contains("rotate it").doesNotContain("Ov3rride-S3cret");
    }

    @Test
    void planAndRunRefuseTheSameInput() throws Exception {
        BuildRequest r = request(config("vcenter_server=https://vc.example.com/sdk"), output()).build();
        ImageBuild build = new ImageBuild(UNTOUCHED, IsoCheck.withoutCache(), VcenterChecks.real());
        assertThat(build.plan(r, new RecordedEvents())).isInstanceOf(PlanOutcome.Refused.class);
        assertThat(build.run(r, new RecordedEvents())).isInstanceOf(BuildOutcome.Rejected.class);
    }

    @Test
    void anUnreachableEngineIsAFailedBuildWithOneLineNamingTheSocket() throws Exception {
        Path socket = dir.resolve("no-engine.sock");
        BuildRequest r = request(config(), output()).dockerHost("unix://" + socket).build();
        BuildOutcome outcome = ImageBuild.standard().run(r, new RecordedEvents());
        assertThat(outcome).isInstanceOfSatisfying(BuildOutcome.Failed.class, f -> {
            assertThat(f.hint().category()).isEqualTo(ImageBuild.ENGINE_FAILURE);
            assertThat(f.reason()).contains(socket.toString()).doesNotContain("\n")
                    .doesNotContain(FakeBuilder.PLANTED_PASSWORD);
        });
    }

    @Test
    void everySecretTheBuilderPrintsIsMaskedWhateverHowItWasWritten() throws Exception {
        Engine.client();
        Path out = output();
        // Written as users do: escaped quotes, a trailing comment, `export`, keys core only guesses are secret.
        Path file = config("fake_print_config=true", "rhel_subscription_pass=\"Rh\\\"el-S3cret\"",
                "my_api_token=T0ken-S3cret # rotated monthly", "export ssh_private_key='Pr1vate-S3cret'",
                "vcenter_pasword=Typo-S3cret");
        RecordedEvents events = new RecordedEvents();
        BuildOutcome outcome = ImageBuild.standard().run(request(file, out).build(), events);
        assertThat(outcome).as(events.transcript()).isInstanceOf(BuildOutcome.Succeeded.class);
        assertThat(events.lines).as("the builder printed its config").anyMatch(l -> l.contains("config: my_api_token="));
        assertThat(events.transcript()).doesNotContain(FakeBuilder.PLANTED_PASSWORD, "Rh\"el-S3cret", "T0ken-S3cret",
                "Pr1vate-S3cret", "Typo-S3cret");
        assertThat(events.lines).anyMatch(l -> l.contains("my_api_token=****"));
    }
}
