package io.jenkins.plugins.capi.cli;

import com.github.dockerjava.api.DockerClient;
import io.jenkins.plugins.capi.Defaults;
import io.jenkins.plugins.capi.config.CompatibilityMode;
import io.jenkins.plugins.capi.config.ConfigLoader;
import io.jenkins.plugins.capi.config.Finding;
import io.jenkins.plugins.capi.container.ContainerRunner;
import io.jenkins.plugins.capi.container.EngineConnection;
import io.jenkins.plugins.capi.imagebuild.BuildRequest;
import io.jenkins.plugins.capi.imagebuild.ImageBuild;
import io.jenkins.plugins.capi.iso.IsoCheck;
import io.jenkins.plugins.capi.secrets.BuildSecrets;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code plan}: what {@code build} would run — container spec and prepared files — without running anything. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Prints the exact container specification (image, mounts, network, environment names, labels) and"
                + " the files build would prepare, after validating the config and checking the ISO. Runs nothing.")
public final class PlanCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions configOptions;

    @Option(names = "--output-dir", required = true, paramLabel = "DIR", description = "host output folder")
    Path outputDir;

    @Option(names = "--image", paramLabel = "REF", defaultValue = Defaults.BUILDER_IMAGE, description = "builder image")
    String image;

    @Option(names = "--docker-host", paramLabel = "URI", description = "Docker or Podman API")
    String dockerHost;

    @Option(names = "--iso", paramLabel = "PATH", description = "ISO outside the output folder")
    Path iso;

    @Option(names = "--compatibility", paramLabel = "MODE", defaultValue = "WARN", description = "${COMPLETION-CANDIDATES}")
    CompatibilityMode compatibility;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Map<String, String> env = System.getenv();
        BuildSecrets secrets = Credentials.fromEnvironment(env);
        Path output = outputDir.toAbsolutePath();
        Path externalIso = iso == null ? null : iso.toAbsolutePath();
        BuildRequest request = new BuildRequest(configOptions.config, configOptions.overrides(spec.commandLine()),
                output, externalIso, image, null, dockerHost, null, null, compatibility, false, null, secrets, "plan",
                Map.of());
        ConfigLoader.LoadedConfig loaded = ConfigLoader.load(request.configFile(), request.overrides(),
                ImageBuild.validationOptions(request));
        loaded.findings().forEach(f -> err.println(f.format()));
        if (loaded.hasErrors()) {
            return ExitCode.INVALID_INPUT;
        }
        List<Finding> isoFindings = IsoCheck.withoutCache().check(loaded.config(), output, externalIso);
        isoFindings.forEach(f -> err.println(f.format()));
        if (isoFindings.stream().anyMatch(Finding::isError)) {
            return ExitCode.INVALID_INPUT;
        }
        DockerClient docker = EngineConnection.open(dockerHost);
        try {
            new ContainerRunner(docker).plan(ImageBuild.runSpec(request, loaded.config(), secrets))
                    .describe().forEach(out::println);
        } finally {
            docker.close();
        }
        return ExitCode.OK;
    }
}
