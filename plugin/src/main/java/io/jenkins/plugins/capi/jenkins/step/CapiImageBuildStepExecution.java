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
 * Runs {@code capiImageBuild} on a background thread. Not resumable: a controller restart mid-build fails the step
 * (see docs/jenkins.md).
 *
 * <p>Abort: the base class would end the step at once and leave the container cleanup running behind the finished
 * build. So the first stop only interrupts the build thread, which stops and removes the container and then ends
 * the step with the stop's cause (the build shows ABORTED). A second stop (the user insists) ends it at once.
 */
public final class CapiImageBuildStepExecution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {

    private static final long serialVersionUID = 1L;

    // transient: the program state must not keep the step (it is not needed after a restart, which fails anyway).
    private final transient CapiImageBuildStep step;
    private transient volatile Thread buildThread;
    private transient volatile Throwable stopCause;

    CapiImageBuildStepExecution(CapiImageBuildStep step, StepContext context) {
        super(context);
        this.step = step;
    }

    @Override
    protected Map<String, Object> run() throws Exception {
        buildThread = Thread.currentThread();
        try {
            StepContext context = getContext();
            EnvVars env = context.get(EnvVars.class);
            BuildSettings settings = BuildSettings.resolve(step, CapiImageBuilderConfiguration.get(), env, false);
            BuildReport report = new ImageBuildInvocation(
                            context.get(Run.class),
                            context.get(FilePath.class),
                            env,
                            context.get(Launcher.class),
                            context.get(TaskListener.class),
                            settings)
                    .perform();
            throwIfStopped();
            return StepResult.toMap(report);
        } catch (InterruptedException e) {
            throwIfStopped();
            throw e;
        } finally {
            buildThread = null;
        }
    }

    @Override
    public void stop(Throwable cause) throws Exception {
        Thread running = buildThread;
        if (running != null && stopCause == null) {
            stopCause = cause;
            running.interrupt();
            return;
        }
        super.stop(cause);
    }

    private void throwIfStopped() throws Exception {
        Throwable cause = stopCause;
        if (cause instanceof Exception e) {
            throw e;
        }
        if (cause instanceof Error e) {
            throw e;
        }
    }
}
