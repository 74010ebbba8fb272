package io.jenkins.plugins.capi.jenkins.config;

import hudson.Extension;
import hudson.ExtensionList;
import hudson.Util;
import hudson.util.FormValidation;
import io.jenkins.plugins.capi.Defaults;
import io.jenkins.plugins.capi.jenkins.Messages;
import io.jenkins.plugins.capi.jenkins.form.ParameterChecks;
import io.jenkins.plugins.capi.jenkins.run.ParameterDefaults;
import jenkins.model.GlobalConfiguration;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * Instance-wide defaults for every CAPI image build (Manage Jenkins » System, or JCasC
 * {@code unclassified: capiImageBuilder:}). A step's own value always wins.
 */
@Extension
@Symbol("capiImageBuilder")
public final class CapiImageBuilderConfiguration extends GlobalConfiguration {

    /** The vendor builder this plugin was tested against. */
    public static final String FALLBACK_BUILDER_IMAGE = Defaults.BUILDER_IMAGE;

    public static final int FALLBACK_TIMEOUT_MINUTES = ParameterDefaults.TIMEOUT_MINUTES;

    private String defaultBuilderImage;
    private String defaultDockerHost;
    private int defaultTimeoutMinutes;

    public CapiImageBuilderConfiguration() {
        load();
    }

    public static CapiImageBuilderConfiguration get() {
        return ExtensionList.lookupSingleton(CapiImageBuilderConfiguration.class);
    }

    public String getDefaultBuilderImage() {
        return Util.fixEmptyAndTrim(defaultBuilderImage) == null ? FALLBACK_BUILDER_IMAGE : defaultBuilderImage.trim();
    }

    @DataBoundSetter
    public void setDefaultBuilderImage(String defaultBuilderImage) {
        this.defaultBuilderImage = Util.fixEmptyAndTrim(defaultBuilderImage);
        save();
    }

    /** Blank means: the agent's {@code DOCKER_HOST}, else the default socket. */
    public String getDefaultDockerHost() {
        return defaultDockerHost;
    }

    @DataBoundSetter
    public void setDefaultDockerHost(String defaultDockerHost) {
        this.defaultDockerHost = Util.fixEmptyAndTrim(defaultDockerHost);
        save();
    }

    public int getDefaultTimeoutMinutes() {
        return defaultTimeoutMinutes > 0 ? defaultTimeoutMinutes : FALLBACK_TIMEOUT_MINUTES;
    }

    @DataBoundSetter
    public void setDefaultTimeoutMinutes(int defaultTimeoutMinutes) {
        this.defaultTimeoutMinutes = Math.max(0, defaultTimeoutMinutes);
        save();
    }

    @Override
    public String getDisplayName() {
        return Messages.GlobalConfiguration_DisplayName();
    }

    @POST
    public FormValidation doCheckDefaultBuilderImage(@QueryParameter String value) {
        return ParameterChecks.builderImage(value, FALLBACK_BUILDER_IMAGE);
    }

    @POST
    public FormValidation doCheckDefaultDockerHost(@QueryParameter String value) {
        return ParameterChecks.dockerHost(value);
    }

    @POST
    public FormValidation doCheckDefaultTimeoutMinutes(@QueryParameter String value) {
        return ParameterChecks.timeoutMinutes(value, FALLBACK_TIMEOUT_MINUTES);
    }
}
