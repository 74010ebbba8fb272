package io.jenkins.plugins.capi.jenkins.run;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.Fingerprinter;
import io.jenkins.plugins.capi.container.ContainerRunner;
import io.jenkins.plugins.capi.jenkins.action.CapiImageAction;
import io.jenkins.plugins.capi.jenkins.agent.AgentSecrets;
import io.jenkins.plugins.capi.jenkins.agent.ConfigFacts;
import io.jenkins.plugins.capi.jenkins.agent.ConfigFactsCallable;
import io.jenkins.plugins.capi.jenkins.agent.ContainerCleanupCallable;
import io.jenkins.plugins.capi.jenkins.agent.ImageBuildCallable;
import io.jenkins.plugins.capi.jenkins.credentials.BuildCredentials;
import io.jenkins.plugins.capi.jenkins.report.BuildReport;
import io.jenkins.plugins.capi.jenkins.report.BuildVmSummary;
import io.jenkins.plugins.capi.jenkins.report.PublicationSummary;
import io.jenkins.plugins.capi.logs.SecretMasker;
import java.io.IOException;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import jenkins.model.Jenkins;
import jenkins.util.BuildListenerAdapter;

/**
 * One image build from a Jenkins build (Pipeline step or freestyle builder), controller side: credentials,
 * masking, the call to the agent, cleanup after an abort, artifacts, fingerprint and the build page action.
 */
public final class ImageBuildInvocation {

    /** Extra time the cleanup call may take beyond the stop grace period (pulling nothing, just stop + remove). */
    private static final int CLEANUP_SLACK_SECONDS = 60;

    private final Run<?, ?> run;
    private final FilePath workspace;
    private final EnvVars env;
    private final Launcher launcher;
    private final TaskListener listener;
    private final BuildSettings settings;

    public ImageBuildInvocation(
            Run<?, ?> run,
            FilePath workspace,
            EnvVars env,
            Launcher launcher,
            TaskListener listener,
            BuildSettings settings) {
        this.run = run;
        this.workspace = workspace;
        this.env = env;
        this.launcher = launcher;
        this.listener = listener;
        this.settings = settings;
    }

    /**
     * Runs the build and records its results on the run.
     *
     * @return the build page action of a successful build (its report and what was archived); when publishing to a
     *     target failed the run is marked UNSTABLE first (the image exists and can be published again)
     * @throws AbortException when the build was rejected, failed or timed out (the action is attached first); its
     *     message says what became of the build VM when vCenter was asked
     * @throws InterruptedException when aborted, after making sure the container is gone
     */
    public CapiImageAction perform() throws IOException, InterruptedException {
        PrintStream log = listener.getLogger();
        String runId = BuildRunId.forCall(run);
        ConfigFacts facts = workspace.act(new ConfigFactsCallable(settings.config(), settings.overrides()));
        if (facts.problem() != null) {
            throw new AbortException("[capi] " + facts.problem() + " (parameter config = '" + settings.config()
                    + "', relative to the workspace " + workspace.getRemote() + ")");
        }
        AgentSecrets secrets = BuildCredentials.resolve(run, settings, facts.vcenterServer());
        // The credentials the controller knows; the agent masks these and every secret of the file itself.
        SecretMasker mask = SecretMasker.of(secrets.maskingValues());

        log.println("[capi] building with " + settings.builderImage() + " on " + describeNode() + " through "
                + (settings.dockerHost() == null ? "the default Docker socket" : settings.dockerHost())
                + " (container run id " + runId + ", output " + settings.outputDir() + ")");
        BuildReport report = runOnAgent(secrets, mask, runId).masked(mask::mask);

        boolean metadataArchived = false;
        boolean imageArchived = false;
        if (report.isSucceeded()) {
            metadataArchived = archive(report);
            imageArchived = metadataArchived
                    && settings.archive() == ArchiveMode.METADATA_AND_IMAGE
                    && report.getOvaPath() != null;
            fingerprint(report);
        }
        CapiImageAction action = CapiImageAction.attach(run, runId, report, metadataArchived, imageArchived);
        run.save();

        switch (report.getOutcome()) {
            case SUCCEEDED -> {
                log.println("[capi] template " + report.getTemplate().getTemplateName() + " built"
                        + (report.getTemplate().getTemplateInventoryPath() == null
                                ? ""
                                : " at " + report.getTemplate().getTemplateInventoryPath()));
                if (report.isPublicationFailed()) {
                    markUnstable(run, listener, report.getPublications());
                }
                return action;
            }
            case REJECTED ->
                throw new AbortException("[capi] " + report.getFailure().getReason() + ":\n  "
                        + String.join("\n  ", report.getFindings()));
            default ->
                throw new AbortException(
                        "[capi] " + report.getFailure().toMessage() + buildVmLines(report.getBuildVm()));
        }
    }

    /**
     * A build whose image exists but did not reach every target ends UNSTABLE, not FAILURE: what was built,
     * archived and published stays usable, the script gets the result of every target, and the image can be
     * published again with {@code capiImagePublish}. {@code Run.setResult} only ever makes a result worse.
     */
    static void markUnstable(Run<?, ?> run, TaskListener listener, List<PublicationSummary> publications) {
        long failed = publications.stream().filter(PublicationSummary::isFailed).count();
        PrintStream log = listener.getLogger();
        log.println("[capi] publishing failed for " + failed + " of " + publications.size() + " target(s); the build "
                + "is marked UNSTABLE:");
        publications.stream().filter(PublicationSummary::isFailed).forEach(p -> log.println("  " + p.toLine()));
        run.setResult(Result.UNSTABLE);
    }

    /** Core's lines about the VM the build left, one per line below the failure; empty when vCenter was not asked. */
    private static String buildVmLines(BuildVmSummary vm) {
        return vm == null ? "" : "\n  " + String.join("\n  ", vm.getLines());
    }

    private BuildReport runOnAgent(AgentSecrets secrets, SecretMasker mask, String runId)
            throws IOException, InterruptedException {
        MaskedAgentLog log = new MaskedAgentLog(workspace, listener, mask, run.getCharset());
        try {
            return workspace.act(new ImageBuildCallable(
                    settings, secrets, runId, producer(), String.valueOf(run.getNumber()), log.listener()));
        } catch (InterruptedException aborted) {
            // The agent keeps stopping the container after the call above gave up; wait for that to finish.
            Thread.interrupted();
            removeLeftoverContainers(runId);
            throw aborted;
        } finally {
            log.finish();
        }
    }

    private void removeLeftoverContainers(String runId) {
        PrintStream log = listener.getLogger();
        int limit = settings.stopGraceSeconds() + CLEANUP_SLACK_SECONDS;
        log.println("[capi] aborted: making sure the builder container of " + runId + " is stopped and removed "
                + "(up to " + limit + " s)");
        try {
            Integer removed = workspace
                    .actAsync(new ContainerCleanupCallable(settings.dockerHost(), runId, settings.stopGraceSeconds()))
                    .get(limit, TimeUnit.SECONDS);
            log.println("[capi] no builder container left"
                    + (removed != null && removed > 0 ? " (removed " + removed + ")" : ""));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.println("[capi] cleanup interrupted; if a container is left, remove it with: docker rm -f "
                    + "$(docker ps -aq --filter label=" + ContainerRunner.LABEL_RUN_ID + "=" + runId + ")");
        } catch (IOException | ExecutionException | TimeoutException | RuntimeException e) {
            log.println("[capi] could not confirm that the builder container of " + runId + " is gone ("
                    + e.getClass().getSimpleName() + "); check the agent with: docker ps -a --filter label="
                    + ContainerRunner.LABEL_RUN_ID + "=" + runId);
        }
    }

    private boolean archive(BuildReport report) throws IOException, InterruptedException {
        if (settings.archive() == ArchiveMode.NONE || report.getMetadataPath() == null) {
            return false;
        }
        Map<String, String> files = new LinkedHashMap<>();
        files.put(report.getMetadataPath(), report.getMetadataPath());
        if (settings.archive() == ArchiveMode.METADATA_AND_IMAGE && report.getOvaPath() != null) {
            files.put(report.getOvaPath(), report.getOvaPath());
            if (report.getOvaChecksumPath() != null) {
                files.put(report.getOvaChecksumPath(), report.getOvaChecksumPath());
            }
        }
        listener.getLogger().println("[capi] archiving " + String.join(", ", files.keySet()));
        run.pickArtifactManager().archive(workspace, launcher, BuildListenerAdapter.wrap(listener), files);
        return true;
    }

    /** Records the OVA's fingerprint, so later jobs that deploy it can be traced back to this build. */
    private void fingerprint(BuildReport report) throws InterruptedException {
        if (report.getOvaPath() == null) {
            return;
        }
        new Fingerprinter(report.getOvaPath()).perform(run, workspace, env, launcher, listener);
    }

    private Map<String, String> producer() {
        Map<String, String> producer = new LinkedHashMap<>();
        producer.put("tool", "jenkins capi-image-builder plugin");
        producer.put("jenkinsJob", run.getParent().getFullName());
        producer.put("jenkinsBuild", String.valueOf(run.getNumber()));
        Jenkins jenkins = Jenkins.getInstanceOrNull();
        String root = jenkins == null ? null : jenkins.getRootUrl();
        if (root != null) {
            producer.put("jenkinsBuildUrl", root + run.getUrl());
        }
        return producer;
    }

    private String describeNode() {
        return workspace.isRemote() ? "an agent (" + workspace.getRemote() + ")" : "the built-in node";
    }
}
