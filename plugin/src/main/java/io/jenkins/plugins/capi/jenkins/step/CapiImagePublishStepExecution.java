package io.jenkins.plugins.capi.jenkins.step;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.capi.jenkins.action.CapiPublishAction;
import io.jenkins.plugins.capi.jenkins.publish.Publishing;
import io.jenkins.plugins.capi.jenkins.run.PublishInvocation;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;

/**
 * Runs {@code capiImagePublish} on a background thread. A stop interrupts it: on the agent every target stops at its
 * next step and removes what it began (a half-imported VM), which may finish just after the step has ended. Not
 * resumable after a controller restart.
 */
public final class CapiImagePublishStepExecution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {

    private static final long serialVersionUID = 1L;

    // transient: the program state must not keep the step; run() reads it once.
    @SuppressFBWarnings(
            value = "SE_TRANSIENT_FIELD_NOT_RESTORED",
            justification = "Only read by run() on the thread start() began; never used after a restart.")
    private final transient CapiImagePublishStep step;

    CapiImagePublishStepExecution(CapiImagePublishStep step, StepContext context) {
        super(context);
        this.step = step;
    }

    @Override
    protected Map<String, Object> run() throws Exception {
        StepContext context = getContext();
        CapiPublishAction action = new PublishInvocation(
                        context.get(Run.class),
                        context.get(FilePath.class),
                        context.get(TaskListener.class),
                        step.getConfig(),
                        step.overrideInput(),
                        step.getOutputDir(),
                        step.getCredentialsId(),
                        step.getVcenterCaFile(),
                        step.isVcenterInsecure(),
                        step.getPublish() == null ? new Publishing() : step.getPublish(),
                        step.isDryRun())
                .perform();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put(StepResult.PUBLISHED, action.getReport().isSucceeded());
        result.put(StepResult.PUBLICATIONS, StepResult.publications(action.getPublications()));
        result.put(StepResult.METADATA_FILE, action.getMetadataWorkspacePath());
        return result;
    }
}
