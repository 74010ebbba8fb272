package io.jenkins.plugins.capi.jenkins.freestyle;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.Util;
import hudson.model.AbstractProject;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.BuildStepDescriptor;
import hudson.tasks.Builder;
import hudson.util.FormValidation;
import io.jenkins.plugins.capi.config.CompatibilityMode;
import io.jenkins.plugins.capi.jenkins.Messages;
import io.jenkins.plugins.capi.jenkins.airgap.Airgap;
import io.jenkins.plugins.capi.jenkins.config.CapiImageBuilderConfiguration;
import io.jenkins.plugins.capi.jenkins.customize.CustomizationInput;
import io.jenkins.plugins.capi.jenkins.customize.StaticAddress;
import io.jenkins.plugins.capi.jenkins.form.ImageBuildForm;
import io.jenkins.plugins.capi.jenkins.form.ParameterChecks;
import io.jenkins.plugins.capi.jenkins.publish.Publishing;
import io.jenkins.plugins.capi.jenkins.run.ArchiveMode;
import io.jenkins.plugins.capi.jenkins.run.BuildSettings;
import io.jenkins.plugins.capi.jenkins.run.ImageBuildInvocation;
import io.jenkins.plugins.capi.jenkins.run.ImageBuildParameters;
import io.jenkins.plugins.capi.jenkins.run.OverrideInput;
import io.jenkins.plugins.capi.jenkins.run.ParameterDefaults;
import io.jenkins.plugins.capi.jenkins.step.CapiImageBuildStep;
import java.io.IOException;
import java.util.List;
import jenkins.tasks.SimpleBuildStep;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * The freestyle build step: the same build as {@code capiImageBuild}, with overrides as {@code key=value} lines and
 * {@code ${VAR}} references expanded from the build's environment. Its symbol {@code capiImageBuilder} differs
 * from the Pipeline step's function name on purpose (a step name would win and the builder would be unreachable).
 */
public final class CapiImageBuilder extends Builder implements SimpleBuildStep, ImageBuildParameters {

    private String credentialsId;
    private String config = ParameterDefaults.CONFIG;
    private String rhelCredentialsId;
    private String registryCredentialsId;
    private String overrides;
    private String builderImage;
    private String outputDir = ParameterDefaults.OUTPUT_DIR;
    private String isoPath;
    private String dockerHost;
    private int timeoutMinutes;
    private int stopGraceSeconds;
    private ArchiveMode archive = ParameterDefaults.ARCHIVE;
    private CompatibilityMode compatibility = ParameterDefaults.COMPATIBILITY;
    private boolean preflight = ParameterDefaults.PREFLIGHT;
    private String vcenterServer;
    private String vcenterCaFile;
    private boolean vcenterInsecure;
    private boolean removeBuildVm;
    private Publishing publish;
    private Airgap airgap;
    private StaticAddress staticIp;
    private String preScripts;
    private String postScripts;
    private String kickstart;
    private String rhsmWorkaround = ParameterDefaults.RHSM_WORKAROUND;

    /** Every parameter is optional, so a step or builder without any is valid (and means the defaults). */
    @DataBoundConstructor
    public CapiImageBuilder() {}

    @Override
    public String getCredentialsId() {
        return credentialsId;
    }

    /**
     * vCenter username/password credentials. Blank: {@code vcenter_user} and {@code vcenter_password} must be in the
     * imageconfig (the build warns about a password in a file).
     */
    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = Util.fixEmptyAndTrim(credentialsId);
    }

    @Override
    public String getConfig() {
        return config;
    }

    @DataBoundSetter
    public void setConfig(String config) {
        this.config = Util.fixEmptyAndTrim(config) == null ? ParameterDefaults.CONFIG : config.trim();
    }

    @Override
    public String getRhelCredentialsId() {
        return rhelCredentialsId;
    }

    @DataBoundSetter
    public void setRhelCredentialsId(String rhelCredentialsId) {
        this.rhelCredentialsId = Util.fixEmptyAndTrim(rhelCredentialsId);
    }

    @Override
    public String getRegistryCredentialsId() {
        return registryCredentialsId;
    }

    @DataBoundSetter
    public void setRegistryCredentialsId(String registryCredentialsId) {
        this.registryCredentialsId = Util.fixEmptyAndTrim(registryCredentialsId);
    }

    /** imageconfig keys set on top of the file, one {@code key=value} per line. */
    public String getOverrides() {
        return overrides;
    }

    @DataBoundSetter
    public void setOverrides(String overrides) {
        this.overrides = Util.fixEmptyAndTrim(overrides);
    }

    /** Read by core when the build runs; the form check reports bad lines earlier. */
    @Override
    public OverrideInput overrideInput() {
        return OverrideInput.ofText(overrides);
    }

    @Override
    public String getBuilderImage() {
        return builderImage;
    }

    @DataBoundSetter
    public void setBuilderImage(String builderImage) {
        this.builderImage = Util.fixEmptyAndTrim(builderImage);
    }

    @Override
    public String getOutputDir() {
        return outputDir;
    }

    @DataBoundSetter
    public void setOutputDir(String outputDir) {
        this.outputDir = Util.fixEmptyAndTrim(outputDir) == null ? ParameterDefaults.OUTPUT_DIR : outputDir.trim();
    }

    @Override
    public String getIsoPath() {
        return isoPath;
    }

    @DataBoundSetter
    public void setIsoPath(String isoPath) {
        this.isoPath = Util.fixEmptyAndTrim(isoPath);
    }

    @Override
    public String getDockerHost() {
        return dockerHost;
    }

    @DataBoundSetter
    public void setDockerHost(String dockerHost) {
        this.dockerHost = Util.fixEmptyAndTrim(dockerHost);
    }

    @Override
    public int getTimeoutMinutes() {
        return timeoutMinutes;
    }

    /** 0 = the global default. */
    @DataBoundSetter
    public void setTimeoutMinutes(int timeoutMinutes) {
        this.timeoutMinutes = Math.max(0, timeoutMinutes);
    }

    @Override
    public int getStopGraceSeconds() {
        return stopGraceSeconds;
    }

    /** 0 = core's default. */
    @DataBoundSetter
    public void setStopGraceSeconds(int stopGraceSeconds) {
        this.stopGraceSeconds = Math.max(0, stopGraceSeconds);
    }

    @Override
    public ArchiveMode getArchive() {
        return archive;
    }

    @DataBoundSetter
    public void setArchive(ArchiveMode archive) {
        this.archive = archive == null ? ParameterDefaults.ARCHIVE : archive;
    }

    @Override
    public CompatibilityMode getCompatibility() {
        return compatibility;
    }

    @DataBoundSetter
    public void setCompatibility(CompatibilityMode compatibility) {
        this.compatibility = compatibility == null ? ParameterDefaults.COMPATIBILITY : compatibility;
    }

    @Override
    public boolean isPreflight() {
        return preflight;
    }

    @DataBoundSetter
    public void setPreflight(boolean preflight) {
        this.preflight = preflight;
    }

    @Override
    public String getVcenterServer() {
        return vcenterServer;
    }

    @DataBoundSetter
    public void setVcenterServer(String vcenterServer) {
        this.vcenterServer = Util.fixEmptyAndTrim(vcenterServer);
    }

    @Override
    public String getVcenterCaFile() {
        return vcenterCaFile;
    }

    @DataBoundSetter
    public void setVcenterCaFile(String vcenterCaFile) {
        this.vcenterCaFile = Util.fixEmptyAndTrim(vcenterCaFile);
    }

    @Override
    public boolean isVcenterInsecure() {
        return vcenterInsecure;
    }

    @DataBoundSetter
    public void setVcenterInsecure(boolean vcenterInsecure) {
        this.vcenterInsecure = vcenterInsecure;
    }

    @Override
    public boolean isRemoveBuildVm() {
        return removeBuildVm;
    }

    @DataBoundSetter
    public void setRemoveBuildVm(boolean removeBuildVm) {
        this.removeBuildVm = removeBuildVm;
    }

    @Override
    public Publishing getPublish() {
        return publish;
    }

    @DataBoundSetter
    public void setPublish(Publishing publish) {
        this.publish = publish;
    }

    @Override
    public Airgap getAirgap() {
        return airgap;
    }

    @DataBoundSetter
    public void setAirgap(Airgap airgap) {
        this.airgap = airgap;
    }

    @Override
    public StaticAddress getStaticIp() {
        return staticIp;
    }

    @DataBoundSetter
    public void setStaticIp(StaticAddress staticIp) {
        this.staticIp = staticIp;
    }

    /** Bash scripts run in the image before the builder's provisioning: one workspace-relative file or glob a line. */
    public String getPreScripts() {
        return preScripts;
    }

    @DataBoundSetter
    public void setPreScripts(String preScripts) {
        this.preScripts = Util.fixEmptyAndTrim(preScripts);
    }

    public String getPostScripts() {
        return postScripts;
    }

    @DataBoundSetter
    public void setPostScripts(String postScripts) {
        this.postScripts = Util.fixEmptyAndTrim(postScripts);
    }

    @Override
    public List<String> preScriptPatterns() {
        return CustomizationInput.lines(preScripts);
    }

    @Override
    public List<String> postScriptPatterns() {
        return CustomizationInput.lines(postScripts);
    }

    @Override
    public String getKickstart() {
        return kickstart;
    }

    @DataBoundSetter
    public void setKickstart(String kickstart) {
        this.kickstart = Util.fixEmptyAndTrim(kickstart);
    }

    @Override
    public String getRhsmWorkaround() {
        return rhsmWorkaround;
    }

    /** @throws IllegalArgumentException naming the good values, from core's reading of the value */
    @DataBoundSetter
    public void setRhsmWorkaround(String rhsmWorkaround) {
        this.rhsmWorkaround = ParameterDefaults.rhsmWorkaround(rhsmWorkaround);
    }

    @Override
    public void perform(
            @NonNull Run<?, ?> run,
            @NonNull FilePath workspace,
            @NonNull EnvVars env,
            @NonNull Launcher launcher,
            @NonNull TaskListener listener)
            throws InterruptedException, IOException {
        BuildSettings settings = BuildSettings.resolve(this, CapiImageBuilderConfiguration.get(), env, true);
        new ImageBuildInvocation(run, workspace, env, launcher, listener, settings).perform();
    }

    @Extension
    @Symbol("capiImageBuilder")
    public static final class DescriptorImpl extends BuildStepDescriptor<Builder> implements ImageBuildForm {

        /** The fields whose help is the same in both steps: written once, at the Pipeline step. */
        static final List<String> SHARED_HELP =
                List.of("removeBuildVm", "publish", "staticIp", "airgap", "kickstart", "rhsmWorkaround");

        public DescriptorImpl() {
            for (String field : SHARED_HELP) {
                addHelpFileRedirect(field, CapiImageBuildStep.class, field);
            }
        }

        @Override
        public boolean isApplicable(Class<? extends AbstractProject> jobType) {
            return true;
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.CapiImageBuilder_DisplayName();
        }

        @POST
        public FormValidation doCheckOverrides(@QueryParameter String value) {
            return ParameterChecks.overrideLines(value);
        }
    }
}
