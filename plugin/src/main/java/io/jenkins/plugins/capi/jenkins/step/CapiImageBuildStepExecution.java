package io.jenkins.plugins.capi.jenkins.step;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.capi.jenkins.action.CapiImageAction;
import io.jenkins.plugins.capi.jenkins.config.CapiImageBuilderConfiguration;
import io.jenkins.plugins.capi.jenkins.run.BuildSettings;
import io.jenkins.plugins.capi.jenkins.run.ImageBuildInvocation;
import java.io.IOException;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.FlowInterruptedException;
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

    /**
     * How long Pipeline's {@code timeout} step waits after asking its body to stop before it ends the body anyway
     * (workflow-basic-steps' {@code TimeoutStepExecution} grace period outside tests).
     */
    static final int TIMEOUT_STEP_GRACE_SECONDS = 60;

    /** The interruption cause the {@code timeout} step gives (a class of workflow-basic-steps, not a dependency). */
    static final String TIMEOUT_CAUSE = "org.jenkinsci.plugins.workflow.steps.TimeoutStepExecution$ExceededTimeout";

    // transient: the program state must not keep the step; run() reads it once, and after a restart the step fails
    // (onResume) instead of running again.
    @SuppressFBWarnings(
            value = "SE_TRANSIENT_FIELD_NOT_RESTORED",
            justification = "Only read by run() on the thread start() began; never used after a restart.")
    private final transient CapiImageBuildStep step;

    private transient volatile Thread buildThread;

    @SuppressFBWarnings(
            value = "SE_TRANSIENT_FIELD_NOT_RESTORED",
            justification = "Only meaningful while run() is in progress; a restart fails the step.")
    private transient volatile Throwable stopCause;

    @SuppressFBWarnings(
            value = "SE_TRANSIENT_FIELD_NOT_RESTORED",
            justification = "Only meaningful while run() is in progress; a restart fails the step.")
    private transient volatile BuildSettings settings;

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
            BuildSettings resolved = BuildSettings.resolve(step, CapiImageBuilderConfiguration.get(), env, false);
            settings = resolved;
            CapiImageAction built = new ImageBuildInvocation(
                            context.get(Run.class),
                            context.get(FilePath.class),
                            env,
                            context.get(Launcher.class),
                            context.get(TaskListener.class),
                            resolved)
                    .perform();
            endAsStopped();
            return StepResult.toMap(built);
        } catch (InterruptedException e) {
            endAsStopped();
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
            warnIfTimeoutEndsTheStopEarly(cause);
            running.interrupt();
            return;
        }
        super.stop(cause);
    }

    /**
     * The {@code timeout} step ends its body {@value #TIMEOUT_STEP_GRACE_SECONDS} s after asking it to stop, whatever
     * the body is doing: with a longer stop grace the container is still stopping then, and the rest of this step's
     * log (the cleanup report) is lost.
     */
    private void warnIfTimeoutEndsTheStopEarly(Throwable cause) {
        BuildSettings s = settings;
        if (s == null || s.stopGraceSeconds() < TIMEOUT_STEP_GRACE_SECONDS || !isTimeout(cause)) {
            return;
        }
        try {
            getContext()
                    .get(TaskListener.class)
                    .getLogger()
                    .println("[capi] warning: timeout {} ends this step about " + TIMEOUT_STEP_GRACE_SECONDS
                            + " s after it asks it to stop, but the builder container gets up to "
                            + s.stopGraceSeconds() + " s (stopGraceSeconds) to stop. Pipeline will end the step "
                            + "before the container is gone and the rest of its log will be lost. Use the step's "
                            + "timeoutMinutes instead of timeout {}, or a stopGraceSeconds below "
                            + TIMEOUT_STEP_GRACE_SECONDS + ".");
        } catch (IOException e) {
            // No console to warn on: the stop itself goes ahead regardless.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static boolean isTimeout(Throwable cause) {
        return cause instanceof FlowInterruptedException f
                && f.getCauses().stream().anyMatch(c -> c.getClass().getName().equals(TIMEOUT_CAUSE));
    }

    /** Ends the step with the stop's cause, so the build shows what Pipeline asked for (ABORTED, a timeout). */
    private void endAsStopped() throws InterruptedException {
        Throwable cause = stopCause;
        if (cause instanceof InterruptedException e) {
            throw e;
        }
        if (cause != null) {
            InterruptedException e = new InterruptedException(cause.toString());
            e.initCause(cause);
            throw e;
        }
    }
}
