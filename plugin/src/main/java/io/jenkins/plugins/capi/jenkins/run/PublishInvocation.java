package io.jenkins.plugins.capi.jenkins.run;

import hudson.AbortException;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.capi.config.Finding;
import io.jenkins.plugins.capi.jenkins.action.CapiPublishAction;
import io.jenkins.plugins.capi.jenkins.agent.AgentSecrets;
import io.jenkins.plugins.capi.jenkins.agent.ConfigFacts;
import io.jenkins.plugins.capi.jenkins.agent.ConfigFactsCallable;
import io.jenkins.plugins.capi.jenkins.agent.PublishCallable;
import io.jenkins.plugins.capi.jenkins.credentials.BuildCredentials;
import io.jenkins.plugins.capi.jenkins.publish.PublishInput;
import io.jenkins.plugins.capi.jenkins.publish.Publishing;
import io.jenkins.plugins.capi.jenkins.report.PublishReport;
import io.jenkins.plugins.capi.jenkins.report.StepFindings;
import io.jenkins.plugins.capi.logs.SecretMasker;
import java.io.IOException;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * One {@code capiImagePublish}, controller side: the credentials of every target, masking, the call to the agent,
 * the build page action, and the build's result.
 */
public final class PublishInvocation {

    private final Run<?, ?> run;
    private final FilePath workspace;
    private final TaskListener listener;
    private final String config;
    private final OverrideInput overrides;
    private final String outputDir;
    private final String credentialsId;
    private final String vcenterCaFile;
    private final boolean vcenterInsecure;
    private final Publishing publish;
    private final boolean dryRun;

    @SuppressWarnings("checkstyle:ParameterNumber")
    public PublishInvocation(
            Run<?, ?> run,
            FilePath workspace,
            TaskListener listener,
            String config,
            OverrideInput overrides,
            String outputDir,
            String credentialsId,
            String vcenterCaFile,
            boolean vcenterInsecure,
            Publishing publish,
            boolean dryRun) {
        this.run = run;
        this.workspace = workspace;
        this.listener = listener;
        this.config = config;
        this.overrides = overrides;
        this.outputDir = outputDir;
        this.credentialsId = credentialsId;
        this.vcenterCaFile = vcenterCaFile;
        this.vcenterInsecure = vcenterInsecure;
        this.publish = publish;
        this.dryRun = dryRun;
    }

    /**
     * Publishes and records the result on the run.
     *
     * @return the build page action; when a target failed the run is marked UNSTABLE first
     * @throws AbortException when nothing was published (bad input, or a target failed its check)
     */
    public CapiPublishAction perform() throws IOException, InterruptedException {
        String out = WorkspacePaths.normalise(outputDir);
        Optional<String> outputProblem = WorkspacePaths.problemWithRelativePath(out);
        if (outputProblem.isPresent()) {
            throw new AbortException("[capi] outputDir " + outputProblem.get());
        }
        if (overrides.read().hasErrors()) {
            throw new AbortException("[capi] overrides: "
                    + String.join(
                            "; ",
                            overrides.read().findings().stream()
                                    .filter(Finding::isError)
                                    .map(StepFindings::format)
                                    .toList()));
        }
        PublishInput input = PublishInput.of(publish, UnaryOperator.identity());
        ConfigFacts facts = workspace.act(new ConfigFactsCallable(config, overrides));
        if (facts.problem() != null) {
            throw new AbortException("[capi] " + facts.problem() + " (parameter config = '" + config
                    + "', relative to the workspace " + workspace.getRemote() + ")");
        }
        AgentSecrets secrets = BuildCredentials.withTargets(
                run, BuildCredentials.withVcenter(run, AgentSecrets.NONE, credentialsId, facts.vcenterServer()), input);
        SecretMasker mask = SecretMasker.of(secrets.maskingValues());

        listener.getLogger()
                .println("[capi] publishing the build in " + out + (dryRun ? " (dry run: nothing is changed)" : ""));
        MaskedAgentLog log = new MaskedAgentLog(workspace, listener, mask, run.getCharset());
        PublishReport report;
        try {
            report = workspace.act(new PublishCallable(
                    config,
                    overrides,
                    out,
                    input,
                    secrets,
                    vcenterCaFile,
                    vcenterInsecure,
                    dryRun,
                    String.valueOf(run.getNumber()),
                    log.listener()));
        } finally {
            log.finish();
        }
        report = report.masked(mask::mask);
        CapiPublishAction action = CapiPublishAction.attach(run, out, report);
        run.save();
        if (report.isRejected()) {
            throw new AbortException("[capi] nothing was published:\n  " + String.join("\n  ", report.getFindings()));
        }
        if (!report.isSucceeded()) {
            ImageBuildInvocation.markUnstable(run, listener, report.getPublications());
        }
        return action;
    }
}
