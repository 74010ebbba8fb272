package io.jenkins.plugins.capi.jenkins.step;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.Util;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.capi.jenkins.Messages;
import io.jenkins.plugins.capi.jenkins.form.ImageBuildForm;
import io.jenkins.plugins.capi.jenkins.publish.Publishing;
import io.jenkins.plugins.capi.jenkins.run.OverrideInput;
import io.jenkins.plugins.capi.jenkins.run.ParameterDefaults;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code capiImagePublish}: publishes (or promotes) the template of a build made earlier, from its output folder's
 * {@code template-metadata.json}, to the imageconfig's vCenter and the {@code publish} block's other vCenters, and
 * returns every publication. "Build once, promote later": the build and this step may be in different stages or
 * jobs, as long as the output folder is in this workspace. Holds credential ids only.
 */
public final class CapiImagePublishStep extends Step {

    private String config = ParameterDefaults.CONFIG;
    private LinkedHashMap<String, String> overrides = new LinkedHashMap<>();
    private String outputDir = ParameterDefaults.OUTPUT_DIR;
    private String credentialsId;
    private String vcenterCaFile;
    private boolean vcenterInsecure;
    private Publishing publish;
    private boolean dryRun;

    /** Every parameter is optional: without any, the build in {@code capi-output} goes to the imageconfig's vCenter. */
    @DataBoundConstructor
    public CapiImagePublishStep() {}

    @Override
    public StepExecution start(StepContext context) {
        return new CapiImagePublishStepExecution(this, context);
    }

    public String getConfig() {
        return config;
    }

    @DataBoundSetter
    public void setConfig(String config) {
        this.config = Util.fixEmptyAndTrim(config) == null ? ParameterDefaults.CONFIG : config.trim();
    }

    /** imageconfig keys set on top of the file, as for {@code capiImageBuild}. */
    public Map<String, String> getOverrides() {
        return overrides.isEmpty() ? null : Collections.unmodifiableMap(overrides);
    }

    @DataBoundSetter
    public void setOverrides(Map<String, String> overrides) {
        this.overrides = OverrideInput.scriptMap(overrides);
    }

    OverrideInput overrideInput() {
        return OverrideInput.ofMap(overrides);
    }

    /** The build's output folder in this workspace, with its {@code template-metadata.json}. */
    public String getOutputDir() {
        return outputDir;
    }

    @DataBoundSetter
    public void setOutputDir(String outputDir) {
        this.outputDir = Util.fixEmptyAndTrim(outputDir) == null ? ParameterDefaults.OUTPUT_DIR : outputDir.trim();
    }

    /** vCenter credentials of the imageconfig's vCenter; blank: the imageconfig's {@code vcenter_user}/password. */
    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = Util.fixEmptyAndTrim(credentialsId);
    }

    public String getVcenterCaFile() {
        return vcenterCaFile;
    }

    @DataBoundSetter
    public void setVcenterCaFile(String vcenterCaFile) {
        this.vcenterCaFile = Util.fixEmptyAndTrim(vcenterCaFile);
    }

    public boolean isVcenterInsecure() {
        return vcenterInsecure;
    }

    @DataBoundSetter
    public void setVcenterInsecure(boolean vcenterInsecure) {
        this.vcenterInsecure = vcenterInsecure;
    }

    /** Where and how to publish; null means an empty block (the imageconfig's vCenter, the builder's name). */
    public Publishing getPublish() {
        return publish;
    }

    @DataBoundSetter
    public void setPublish(Publishing publish) {
        this.publish = publish;
    }

    /** Check every target and report what would happen; change nothing in vCenter or the output folder. */
    public boolean isDryRun() {
        return dryRun;
    }

    @DataBoundSetter
    public void setDryRun(boolean dryRun) {
        this.dryRun = dryRun;
    }

    @Extension
    public static final class DescriptorImpl extends StepDescriptor implements ImageBuildForm {

        public static final String FUNCTION_NAME = "capiImagePublish";

        /** Parameters that mean the same as {@code capiImageBuild}'s: their help is written once, there. */
        static final List<String> SHARED_HELP =
                List.of("config", "overrides", "outputDir", "credentialsId", "vcenterCaFile", "vcenterInsecure");

        public DescriptorImpl() {
            for (String field : SHARED_HELP) {
                addHelpFileRedirect(field, CapiImageBuildStep.class, field);
            }
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class, FilePath.class, Launcher.class, EnvVars.class);
        }

        @Override
        public String getFunctionName() {
            return FUNCTION_NAME;
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.CapiImagePublishStep_DisplayName();
        }
    }
}
