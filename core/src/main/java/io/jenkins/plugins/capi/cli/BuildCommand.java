package io.jenkins.plugins.capi.cli;

import io.jenkins.plugins.capi.Defaults;
import io.jenkins.plugins.capi.config.CompatibilityMode;
import io.jenkins.plugins.capi.config.Finding;
import io.jenkins.plugins.capi.container.ContainerRunException;
import io.jenkins.plugins.capi.imagebuild.BuildEvents;
import io.jenkins.plugins.capi.imagebuild.BuildOutcome;
import io.jenkins.plugins.capi.imagebuild.BuildRequest;
import io.jenkins.plugins.capi.imagebuild.ImageBuild;
import io.jenkins.plugins.capi.logs.FailureClassifier;
import io.jenkins.plugins.capi.logs.ProgressEvent;
import io.jenkins.plugins.capi.secrets.BuildSecrets;
import io.jenkins.plugins.capi.vsphere.VsphereTls;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code build}: validate, check the ISO, pre-flight vCenter, run the builder container, write the metadata. */
@Command(name = "build", mixinStandardHelpOptions = true,
        description = {"Runs a complete image build and prints the path of the template metadata.",
            "vCenter credentials come from VCENTER_USER/VCENTER_PASSWORD or --vcenter-password-file, RHEL ones from"
                + " RHEL_USER/RHEL_PASSWORD, registry ones from REGISTRY_USER/REGISTRY_PASSWORD; never from the command line.",
            "Ctrl-C stops the container gracefully, removes it and exits with 130."})
public final class BuildCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions configOptions;

    @Option(names = "--output-dir", required = true, paramLabel = "DIR",
            description = "host folder mounted at /home/imagebuilder/output")
    Path outputDir;

    @Option(names = "--image", paramLabel = "REF", defaultValue = Defaults.BUILDER_IMAGE,
            description = "builder image (default: ${DEFAULT-VALUE})")
    String image;

    @Option(names = "--image-archive", paramLabel = "TAR", description = "docker-save archive to load when the image is missing")
    Path imageArchive;

    @Option(names = "--docker-host", paramLabel = "URI", description = "Docker or Podman API; default: $DOCKER_HOST or the local socket")
    String dockerHost;

    @Option(names = "--iso", paramLabel = "PATH", description = "ISO outside the output folder, mounted read-only")
    Path iso;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "3h", converter = DurationConverter.class,
            description = "build time limit (default: ${DEFAULT-VALUE})")
    Duration timeout;

    @Option(names = "--stop-grace", paramLabel = "DURATION", defaultValue = "5m", converter = DurationConverter.class,
            description = "time SIGTERM gets before the container is killed (default: ${DEFAULT-VALUE})")
    Duration stopGrace;

    @Option(names = "--compatibility", paramLabel = "MODE", defaultValue = "WARN",
            description = "compatibility matrix: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
    CompatibilityMode compatibility;

    @Option(names = "--no-preflight", description = "do not check vCenter before starting the container")
    boolean noPreflight;

    @Option(names = "--ca-file", paramLabel = "FILE", description = "extra CA (PEM) to trust for vCenter")
    Path caFile;

    @Option(names = "--insecure", description = "do not verify vCenter's certificate")
    boolean insecure;

    @Option(names = "--vcenter-password-file", paramLabel = "FILE", description = "read the vCenter password from FILE")
    Path passwordFile;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private static final java.util.concurrent.atomic.AtomicBoolean ABORTING = new java.util.concurrent.atomic.AtomicBoolean();

    /**
     * True once Ctrl-C started the JVM's shutdown: {@code System.exit} would then block for ever (the hook waits
     * for the build thread), so {@link CapiImageBuild#main} returns instead and the JVM exits with 130 itself.
     */
    static boolean aborting() {
        return ABORTING.get();
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Map<String, String> env = System.getenv();
        BuildSecrets secrets = Credentials.fromEnvironment(env);
        if (passwordFile != null) {
            String password = Files.readString(passwordFile, StandardCharsets.UTF_8).strip();
            secrets = new BuildSecrets(secrets.vcenterUser(), password, secrets.rhelUser(), secrets.rhelPassword(),
                    secrets.registryUser(), secrets.registryPassword());
        }
        if (env.get("REGISTRY_USER") != null && env.get("REGISTRY_PASSWORD") != null) {
            secrets = secrets.withRegistry(env.get("REGISTRY_USER"), env.get("REGISTRY_PASSWORD"));
        }
        BuildRequest request = new BuildRequest(configOptions.config, configOptions.overrides(spec.commandLine()),
                outputDir.toAbsolutePath(), iso == null ? null : iso.toAbsolutePath(), image, imageArchive, dockerHost,
                timeout, stopGrace, compatibility, !noPreflight, new VsphereTls(caFile, insecure), secrets,
                "cli-" + UUID.randomUUID().toString().substring(0, 8), Map.of("tool", "capi-image-build"));

        Thread buildThread = Thread.currentThread();
        Thread onCtrlC = new Thread(() -> {
            ABORTING.set(true);
            buildThread.interrupt();
            try {
                buildThread.join(stopGrace.plusSeconds(60).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "capi-build-abort");
        Runtime.getRuntime().addShutdownHook(onCtrlC);
        try {
            BuildOutcome outcome = new ImageBuild().run(request, new ConsoleListener(out, err));
            return report(outcome, out, err);
        } catch (InterruptedException e) {
            err.println("capi-image-build: interrupted; the container was stopped and removed");
            return ExitCode.INTERRUPTED;
        } catch (ContainerRunException e) {
            err.println("capi-image-build: error: " + e.getMessage());
            return ExitCode.FAILED;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(onCtrlC);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is exiting because of Ctrl-C; the hook is waiting for this thread
            }
        }
    }

    private static int report(BuildOutcome outcome, PrintWriter out, PrintWriter err) {
        if (outcome instanceof BuildOutcome.Succeeded s) {
            out.println(s.metadataFile());
            return ExitCode.OK;
        }
        if (outcome instanceof BuildOutcome.Rejected r) {
            err.println("capi-image-build: not started: " + r.findings().size() + " error(s) above");
            return ExitCode.INVALID_INPUT;
        }
        if (outcome instanceof BuildOutcome.TimedOut t) {
            err.println("capi-image-build: timed out after " + t.timeout() + " in phase " + t.lastPhase().description());
            return ExitCode.FAILED;
        }
        BuildOutcome.Failed f = (BuildOutcome.Failed) outcome;
        err.println("capi-image-build: build failed: " + f.reason());
        if (f.hint() != null) {
            err.println(FailureClassifier.paragraph(f.hint()));
        }
        return ExitCode.FAILED;
    }

    /** Log, progress and findings go to stderr, so stdout carries only the metadata path. */
    private record ConsoleListener(PrintWriter out, PrintWriter err) implements BuildEvents {
        @Override
        public void logLine(String line) {
            err.println(line);
            err.flush();
        }

        @Override
        public void progress(ProgressEvent event) {
            err.println("[capi] " + event.message());
            err.flush();
        }

        @Override
        public void finding(Finding finding) {
            err.println(finding.format());
        }

        @Override
        public void info(String message) {
            err.println("[capi] " + message);
            err.flush();
        }
    }
}
