package io.jenkins.plugins.capi.jenkins.agent;

import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.capi.config.ConfigLoader;
import io.jenkins.plugins.capi.config.ConfigReadException;
import io.jenkins.plugins.capi.config.Finding;
import io.jenkins.plugins.capi.config.ImageConfig;
import io.jenkins.plugins.capi.config.Severity;
import io.jenkins.plugins.capi.imagebuild.RequestChecks;
import io.jenkins.plugins.capi.jenkins.publish.PublishInput;
import io.jenkins.plugins.capi.jenkins.report.PublicationSummary;
import io.jenkins.plugins.capi.jenkins.report.PublishReport;
import io.jenkins.plugins.capi.jenkins.report.StepFindings;
import io.jenkins.plugins.capi.jenkins.run.OverrideInput;
import io.jenkins.plugins.capi.logs.SecretMasker;
import io.jenkins.plugins.capi.metadata.MetadataJson;
import io.jenkins.plugins.capi.metadata.TemplateMetadata;
import io.jenkins.plugins.capi.publish.BuildPublication;
import io.jenkins.plugins.capi.publish.PublishRequest;
import io.jenkins.plugins.capi.publish.PublishResult;
import io.jenkins.plugins.capi.publish.PublishSettings;
import io.jenkins.plugins.capi.publish.PublishTarget;
import io.jenkins.plugins.capi.publish.TargetCheck;
import io.jenkins.plugins.capi.secrets.BuildSecrets;
import io.jenkins.plugins.capi.vsphere.VsphereTimeouts;
import io.jenkins.plugins.capi.vsphere.VsphereTls;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.agents.ControllerToAgentFileCallable;

/**
 * {@code capiImagePublish} on the agent that owns the workspace: publishes the template of a finished build (its
 * {@code template-metadata.json}) to every target with core's {@link BuildPublication}, then records the publications in
 * that metadata and writes the provenance beside it, as a build that publishes does. Nothing is published when a
 * target fails its check. Interrupting the call makes the publisher stop every target and remove what it began.
 *
 * @param config    the imageconfig (relative to the workspace or absolute): the default target and its credentials
 * @param overrides imageconfig keys set on top of the file
 * @param outputDir the build's output folder, workspace-relative
 * @param caFile    CA file of the imageconfig's vCenter, or null
 * @param buildId   the Jenkins build number, for {@code {build}}
 */
public record PublishCallable(
        String config,
        OverrideInput overrides,
        String outputDir,
        PublishInput publish,
        AgentSecrets secrets,
        String caFile,
        boolean insecure,
        boolean dryRun,
        String buildId,
        TaskListener listener)
        implements ControllerToAgentFileCallable<PublishReport> {

    private static final long serialVersionUID = 1L;

    private static final String PREFIX = "[capi] ";

    private static final Logger LOGGER = Logger.getLogger(PublishCallable.class.getName());

    /** Remoting prints callables in its diagnostics: name the output folder, never a secret. */
    @Override
    public String toString() {
        return "PublishCallable[" + outputDir + "]";
    }

    @Override
    public PublishReport invoke(File workspace, VirtualChannel channel) throws IOException, InterruptedException {
        Path ws = workspace.toPath().toAbsolutePath();
        Path out = ws.resolve(outputDir).normalize();
        Path configFile = ws.resolve(config).normalize();
        ImageConfig imageConfig;
        try {
            imageConfig = ConfigLoader.read(configFile, overrides.read());
        } catch (ConfigReadException e) {
            return PublishReport.rejected(List.of("config: " + e.getMessage()));
        }
        Path metadataFile = MetadataJson.defaultFile(out);
        if (!Files.isRegularFile(metadataFile)) {
            return PublishReport.rejected(List.of("outputDir: " + metadataFile + " does not exist; give the output"
                    + " folder of a build (capiImageBuild writes the file there)"));
        }
        TemplateMetadata metadata;
        try {
            metadata = MetadataJson.read(metadataFile);
        } catch (IOException e) {
            return PublishReport.rejected(List.of("outputDir: " + metadataFile + " cannot be read: " + e.getMessage()));
        }

        VsphereTls tls =
                new VsphereTls(caFile == null ? null : ws.resolve(caFile).normalize(), insecure);
        List<String> problems = new ArrayList<>();
        RequestChecks.vcenterTrust(tls).stream()
                .filter(Finding::isError)
                .map(StepFindings::format)
                .forEach(problems::add);
        PublishSettings settings = publish.toSettings(ws, secrets::target, buildId);
        BuildSecrets resolved = secrets.toBuildSecrets().resolve(imageConfig);
        List<PublishTarget> targets = settings.targets(imageConfig, resolved, tls);
        if (targets.isEmpty()) {
            problems.add("publish: no target: vcenter_server is not set in " + configFile
                    + " and no other vCenter is listed in publish.targets");
        }
        if (!problems.isEmpty()) {
            return PublishReport.rejected(problems);
        }

        List<String> secretValues = new ArrayList<>(resolved.maskingValues(imageConfig));
        secretValues.addAll(settings.secrets());
        SecretMasker mask = SecretMasker.of(secretValues);
        PublishRequest request = settings.afterBuild(metadata, out, imageConfig, targets, VsphereTimeouts.DEFAULT)
                .dryRun(dryRun)
                .build();

        try {
            return checkAndPublish(request, metadata, metadataFile, out, ws, imageConfig, mask);
        } catch (RuntimeException e) {
            // A bug, not a vCenter problem (those are findings and results): one line, no stack trace in the console.
            LOGGER.log(Level.WARNING, "publishing from " + out + " stopped on an unexpected exception", e);
            return PublishReport.rejected(List.of("publishing stopped on an unexpected "
                    + e.getClass().getSimpleName() + "; the agent's log has the details"));
        }
    }

    private PublishReport checkAndPublish(
            PublishRequest request,
            TemplateMetadata metadata,
            Path metadataFile,
            Path out,
            Path ws,
            ImageConfig imageConfig,
            SecretMasker mask)
            throws IOException, InterruptedException {
        PrintStream log = listener.getLogger();
        log.println(PREFIX + "checking " + request.targets().size() + " publish target(s)");
        BuildPublication.Checked checked = BuildPublication.check(request);
        for (TargetCheck check : checked.checks()) {
            for (Finding f : check.findings()) {
                if (f.severity() != Severity.INFO) {
                    log.println(PREFIX + mask.mask(StepFindings.format(f)));
                }
            }
            log.println(PREFIX + "[" + check.target() + "] " + (check.passed() ? "check passed" : "check failed"));
        }
        if (!checked.passed()) {
            return PublishReport.rejected(checked.errors().stream()
                    .map(f -> mask.mask(StepFindings.format(f)))
                    .toList());
        }

        // An interrupt makes the publisher stop every target and wait until each has removed what it began; what
        // was published before is recorded all the same, then the interrupt is rethrown.
        BuildPublication.Recorded recorded = BuildPublication.publishAndRecord(
                request, metadata, metadataFile, out, imageConfig, line -> log.println(PREFIX + mask.mask(line)));
        PublishResult result = recorded.result();
        String metadataPath = null;
        if (!dryRun) {
            metadataPath = ws.relativize(metadataFile).toString().replace(File.separatorChar, '/');
            log.println(PREFIX + "publications recorded in " + metadataFile);
            if (recorded.provenance() != null) {
                log.println(PREFIX + "provenance written to " + recorded.provenance());
            }
        }
        log.flush();
        return PublishReport.published(
                        PublicationSummary.of(result.publications()), result.succeeded(), dryRun, metadataPath)
                .masked(mask::mask);
    }
}
