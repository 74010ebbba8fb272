package io.jenkins.plugins.capi.jenkins.step;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.Util;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import io.jenkins.plugins.capi.config.CompatibilityMode;
import io.jenkins.plugins.capi.jenkins.Messages;
import io.jenkins.plugins.capi.jenkins.airgap.Airgap;
import io.jenkins.plugins.capi.jenkins.customize.CustomizationInput;
import io.jenkins.plugins.capi.jenkins.customize.StaticAddress;
import io.jenkins.plugins.capi.jenkins.form.ImageBuildForm;
import io.jenkins.plugins.capi.jenkins.publish.Publishing;
import io.jenkins.plugins.capi.jenkins.run.ArchiveMode;
import io.jenkins.plugins.capi.jenkins.run.ImageBuildParameters;
import io.jenkins.plugins.capi.jenkins.run.OverrideInput;
import io.jenkins.plugins.capi.jenkins.run.ParameterDefaults;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.sf.json.JSONObject;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code capiImageBuild}: builds a vSphere node image on the current agent and returns what it produced as a map
 * ({@link StepResult}). Holds credential ids only; the secrets are looked up when the step runs.
 */
public final class CapiImageBuildStep extends Step implements ImageBuildParameters {

    private String credentialsId;
    private String config = ParameterDefaults.CONFIG;
    private String rhelCredentialsId;
    private String registryCredentialsId;
    private LinkedHashMap<String, String> overrides = new LinkedHashMap<>();
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
    private ArrayList<String> preScripts = new ArrayList<>();
    private ArrayList<String> postScripts = new ArrayList<>();
    private String kickstart;
    private String rhsmWorkaround = ParameterDefaults.RHSM_WORKAROUND;

    /** Every parameter is optional, so a step or builder without any is valid (and means the defaults). */
    @DataBoundConstructor
    public CapiImageBuildStep() {}

    @Override
    public StepExecution start(StepContext context) {
        return new CapiImageBuildStepExecution(this, context);
    }

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

    /** imageconfig keys set on top of the file, e.g. {@code [k8s_version: '1.30.4', image_name: 'rocky-8-k130']}. */
    public Map<String, String> getOverrides() {
        return overrides.isEmpty() ? null : Collections.unmodifiableMap(overrides);
    }

    @DataBoundSetter
    public void setOverrides(Map<String, String> overrides) {
        this.overrides = OverrideInput.scriptMap(overrides);
    }

    @Override
    public OverrideInput overrideInput() {
        return OverrideInput.ofMap(overrides);
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

    /** Bash scripts (workspace-relative files or globs) run in the image before the builder's provisioning. */
    public List<String> getPreScripts() {
        return Collections.unmodifiableList(preScripts);
    }

    @DataBoundSetter
    public void setPreScripts(List<String> preScripts) {
        this.preScripts = texts(preScripts);
    }

    public List<String> getPostScripts() {
        return Collections.unmodifiableList(postScripts);
    }

    @DataBoundSetter
    public void setPostScripts(List<String> postScripts) {
        this.postScripts = texts(postScripts);
    }

    /** Groovy may hand over GStrings in the list (erasure lets them in): take their text, leave blanks out. */
    private static ArrayList<String> texts(List<String> values) {
        ArrayList<String> out = new ArrayList<>();
        if (values != null) {
            for (Object v : (List<?>) values) {
                if (v != null && !String.valueOf(v).isBlank()) {
                    out.add(String.valueOf(v).strip());
                }
            }
        }
        return out;
    }

    @Override
    public List<String> preScriptPatterns() {
        return getPreScripts();
    }

    @Override
    public List<String> postScriptPatterns() {
        return getPostScripts();
    }

    /** The form's text area of {@link #getPreScripts()}: one file or glob per line. */
    public String getPreScriptsText() {
        return String.join("\n", preScripts);
    }

    public String getPostScriptsText() {
        return String.join("\n", postScripts);
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

    @Extension
    public static final class DescriptorImpl extends StepDescriptor implements ImageBuildForm {

        public static final String FUNCTION_NAME = "capiImageBuild";
        /** The form fields of the script lists ({@link CapiImageBuildStep#getPreScriptsText()}). */
        static final String PRE_SCRIPTS_TEXT = "preScriptsText";

        static final String POST_SCRIPTS_TEXT = "postScriptsText";

        public DescriptorImpl() {
            // The form's text areas show the help of the parameters they set.
            addHelpFileRedirect(PRE_SCRIPTS_TEXT, CapiImageBuildStep.class, "preScripts");
            addHelpFileRedirect(POST_SCRIPTS_TEXT, CapiImageBuildStep.class, "postScripts");
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
            return Messages.CapiImageBuildStep_DisplayName();
        }

        @POST
        public FormValidation doCheckPreScriptsText(@QueryParameter String value) {
            return doCheckPreScripts(value);
        }

        @POST
        public FormValidation doCheckPostScriptsText(@QueryParameter String value) {
            return doCheckPostScripts(value);
        }

        /**
         * The script lists are text areas in the form, one file or glob per line (there is no standard control for a
         * list of strings); everything else binds as usual. The text areas have names of their own: a text area
         * bound to the list itself would show an empty list as {@code []}.
         */
        @Override
        public Step newInstance(StaplerRequest2 req, @NonNull JSONObject formData) throws FormException {
            Object pre = formData.remove(PRE_SCRIPTS_TEXT);
            Object post = formData.remove(POST_SCRIPTS_TEXT);
            CapiImageBuildStep step = (CapiImageBuildStep) super.newInstance(req, formData);
            step.setPreScripts(CustomizationInput.lines(pre == null ? null : pre.toString()));
            step.setPostScripts(CustomizationInput.lines(post == null ? null : post.toString()));
            return step;
        }
    }
}
