package io.jenkins.plugins.capi.jenkins.step;

import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.capi.jenkins.config.CapiImageBuilderConfiguration;
import io.jenkins.plugins.capi.jenkins.report.BuildReport;
import io.jenkins.plugins.capi.jenkins.run.BuildSettings;
import io.jenkins.plugins.capi.jenkins.run.ImageBuildInvocation;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;

/**
 * Runs {@code capiImageBuild} on a background thread. Stopping the step interrupts that thread, which aborts the
 * build on the agent. Not resumable: a controller restart mid-build fails the step (see docs/jenkins.md).
 */
public final class CapiImageBuildStepExecution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {

    private static final long serialVersionUID = 1L;

    // transient: the program state must not keep the step (it is not needed after a restart, which fails anyway).
    private final transient CapiImageBuildStep step;

    CapiImageBuildStepExecution(CapiImageBuildStep step, StepContext context) {
        super(context);
        this.step = step;
    }

    @Override
    protected Map<String, Object> run() throws Exception {
        StepContext context = getContext();
        BuildSettings settings = BuildSettings.resolve(step, CapiImageBuilderConfiguration.get(), null);
        BuildReport report = new ImageBuildInvocation(context.get(Run.class), context.get(FilePath.class),
                context.get(EnvVars.class), context.get(Launcher.class), context.get(TaskListener.class), settings)
                .perform();
        return StepResult.toMap(report);
    }
}
