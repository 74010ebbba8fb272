package io.jenkins.plugins.capi.jenkins.agent;

import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.capi.imagebuild.BuildOutcome;
import io.jenkins.plugins.capi.imagebuild.BuildRequest;
import io.jenkins.plugins.capi.imagebuild.ImageBuild;
import io.jenkins.plugins.capi.jenkins.report.BuildReport;
import io.jenkins.plugins.capi.jenkins.run.BuildSettings;
import io.jenkins.plugins.capi.metadata.TemplateMetadata;
import io.jenkins.plugins.capi.vsphere.VsphereTls;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import jenkins.agents.ControllerToAgentFileCallable;

/**
 * Runs one image build on the agent that owns the workspace: builds core's {@link BuildRequest} there (paths are
 * agent paths) and returns a {@link BuildReport}. Interrupting the call (abort, Pipeline stop) interrupts core,
 * which stops and removes the container, and the {@link InterruptedException} travels back.
 *
 * @param settings  the resolved parameters (no secrets)
 * @param secrets   credential values for this call only
 * @param runId     the container run id of this call ({@code BuildRunId.forCall}), for the container name and labels
 * @param producer  facts about the Jenkins build copied into the metadata
 * @param buildId   the Jenkins build number, for the publish name's {@code {build}}
 * @param listener  the build's listener; remotable, so lines reach the controller's console as they are written
 */
public record ImageBuildCallable(
        BuildSettings settings,
        AgentSecrets secrets,
        String runId,
        Map<String, String> producer,
        String buildId,
        TaskListener listener)
        implements ControllerToAgentFileCallable<BuildReport> {

    private static final long serialVersionUID = 2L;

    private static final Logger LOGGER = Logger.getLogger(ImageBuildCallable.class.getName());

    /** Remoting prints callables in its diagnostics: the run id says which build this is, and holds no secret. */
    @Override
    public String toString() {
        return "ImageBuildCallable[" + runId + "]";
    }

    @Override
    public BuildReport invoke(File workspace, VirtualChannel channel) throws IOException, InterruptedException {
        Path ws = workspace.toPath().toAbsolutePath();
        Path outputDir = ws.resolve(settings.outputDir()).normalize();
        BuildOutcome outcome;
        try {
            // Core reports every failure of the build, the engine's included, as an outcome.
            outcome = ImageBuild.standard().run(request(ws), new ConsoleBuildEvents(listener.getLogger()));
        } catch (RuntimeException e) {
            // Anything else is a bug: the build still ends as a reported failure, not as a stack trace in the console.
            LOGGER.log(Level.WARNING, "image build " + runId + " stopped on an unexpected exception", e);
            return BuildReport.unexpected(settings.builderImage(), e);
        }
        BuildReport.ProducedFiles files = outcome instanceof BuildOutcome.Succeeded s
                ? producedFiles(ws, outputDir, s)
                : BuildReport.ProducedFiles.NONE;
        listener.getLogger().flush();
        return BuildReport.of(outcome, settings.builderImage(), files);
    }

    /** Core's request for this build in workspace {@code ws}: every path an agent path, every secret supplied here. */
    BuildRequest request(Path ws) {
        return BuildRequest.builder(
                        ws.resolve(settings.config()).normalize(),
                        ws.resolve(settings.outputDir()).normalize(),
                        runId)
                .overrides(settings.overrides().read())
                .isoPath(
                        settings.isoPath() == null
                                ? null
                                : ws.resolve(settings.isoPath()).normalize())
                .builderImage(settings.builderImage())
                .dockerHost(settings.dockerHost())
                .timeout(Duration.ofMinutes(settings.timeoutMinutes()))
                .stopGrace(Duration.ofSeconds(settings.stopGraceSeconds()))
                .compatibility(settings.compatibility())
                .preflight(settings.preflight())
                .vsphereTls(new VsphereTls(
                        settings.vcenterCaFile() == null
                                ? null
                                : ws.resolve(settings.vcenterCaFile()).normalize(),
                        settings.vcenterInsecure()))
                .secrets(secrets.toBuildSecrets())
                .producer(producer)
                .removeBuildVm(settings.removeBuildVm())
                .customization(settings.customization().toCustomization(ws))
                .publish(
                        settings.publish() == null ? null : settings.publish().toSettings(ws, secrets::target, buildId))
                .airgap(settings.airgap() == null ? null : settings.airgap().toSettings(ws))
                .build();
    }

    /** Finds the metadata file and the OVA (in {@code <output>/<image_name>/}, else anywhere below the output). */
    private static BuildReport.ProducedFiles producedFiles(Path ws, Path outputDir, BuildOutcome.Succeeded s)
            throws IOException {
        String metadata =
                s.metadataFile() == null ? null : relative(ws, s.metadataFile().toAbsolutePath());
        TemplateMetadata.Ova ova = s.metadata().ova();
        if (ova == null || ova.fileName() == null) {
            return new BuildReport.ProducedFiles(metadata, null, null);
        }
        Path expected = outputDir
                .resolve(s.metadata().imageName() == null ? "" : s.metadata().imageName())
                .resolve(ova.fileName());
        Path found = Files.isRegularFile(expected) ? expected : null;
        if (found == null) {
            try (Stream<Path> walk = Files.walk(outputDir, 3)) {
                found = walk.filter(p -> p.endsWith(ova.fileName()))
                        .filter(Files::isRegularFile)
                        .findFirst()
                        .orElse(null);
            }
        }
        if (found == null) {
            return new BuildReport.ProducedFiles(metadata, null, null);
        }
        Path checksum = found.resolveSibling(found.getFileName() + ".sha256");
        return new BuildReport.ProducedFiles(
                metadata, relative(ws, found), Files.isRegularFile(checksum) ? relative(ws, checksum) : null);
    }

    private static String relative(Path ws, Path file) {
        return ws.relativize(file.normalize()).toString().replace(File.separatorChar, '/');
    }
}
