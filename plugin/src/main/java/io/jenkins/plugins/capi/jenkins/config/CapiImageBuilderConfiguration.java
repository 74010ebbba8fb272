package io.jenkins.plugins.capi.jenkins.config;

import hudson.BulkChange;
import hudson.Extension;
import hudson.ExtensionList;
import hudson.Util;
import hudson.util.FormValidation;
import io.jenkins.plugins.capi.Defaults;
import io.jenkins.plugins.capi.jenkins.Messages;
import io.jenkins.plugins.capi.jenkins.form.ParameterChecks;
import io.jenkins.plugins.capi.jenkins.run.ParameterDefaults;
import java.io.IOException;
import jenkins.model.GlobalConfiguration;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.verb.POST;

/**
 * Instance-wide defaults for every CAPI image build (Manage Jenkins » System, or JCasC
 * {@code unclassified: capiImageBuilder:}). A step's own value always wins.
 *
 * <p>The getters return only what the admin set: a value left unset is not stored, shown or exported, so a plugin
 * upgrade can move the built-in default. What a build uses is {@link #effectiveBuilderImage()} and
 * {@link #effectiveTimeoutMinutes()}.
 */
@Extension
@Symbol("capiImageBuilder")
public final class CapiImageBuilderConfiguration extends GlobalConfiguration {

    private String defaultBuilderImage;
    private String defaultDockerHost;
    private int defaultTimeoutMinutes;

    public CapiImageBuilderConfiguration() {
        load();
    }

    public static CapiImageBuilderConfiguration get() {
        return ExtensionList.lookupSingleton(CapiImageBuilderConfiguration.class);
    }

    /**
     * Binds the whole section, then saves once: the setters save on their own (for scripts and JCasC), which
     * would otherwise write the file once per field.
     */
    @Override
    public boolean configure(StaplerRequest2 req, JSONObject json) throws FormException {
        try (BulkChange bulk = new BulkChange(this)) {
            req.bindJSON(this, json);
            bulk.commit();
        } catch (IOException e) {
            throw new FormException(e, "defaultBuilderImage");
        }
        return true;
    }

    /** The builder image the admin set, or null (then {@link #effectiveBuilderImage()} is the built-in one). */
    public String getDefaultBuilderImage() {
        return defaultBuilderImage;
    }

    @DataBoundSetter
    public void setDefaultBuilderImage(String defaultBuilderImage) {
        this.defaultBuilderImage = Util.fixEmptyAndTrim(defaultBuilderImage);
        save();
    }

    /** Blank means: the build's {@code DOCKER_HOST}, else the default socket. */
    public String getDefaultDockerHost() {
        return defaultDockerHost;
    }

    @DataBoundSetter
    public void setDefaultDockerHost(String defaultDockerHost) {
        this.defaultDockerHost = Util.fixEmptyAndTrim(defaultDockerHost);
        save();
    }

    /** The time limit the admin set, or 0 (then {@link #effectiveTimeoutMinutes()} is the built-in one). */
    public int getDefaultTimeoutMinutes() {
        return defaultTimeoutMinutes;
    }

    @DataBoundSetter
    public void setDefaultTimeoutMinutes(int defaultTimeoutMinutes) {
        this.defaultTimeoutMinutes = Math.max(0, defaultTimeoutMinutes);
        save();
    }

    /** The image a build uses when its step names none. */
    public String effectiveBuilderImage() {
        return defaultBuilderImage != null ? defaultBuilderImage : Defaults.BUILDER_IMAGE;
    }

    /** The time limit a build uses when its step sets none. */
    public int effectiveTimeoutMinutes() {
        return defaultTimeoutMinutes > 0 ? defaultTimeoutMinutes : ParameterDefaults.TIMEOUT_MINUTES;
    }

    /** For the form's placeholder: what an empty field means. */
    public String getBuiltInBuilderImage() {
        return Defaults.BUILDER_IMAGE;
    }

    @Override
    public String getDisplayName() {
        return Messages.GlobalConfiguration_DisplayName();
    }

    @POST
    public FormValidation doCheckDefaultBuilderImage(@QueryParameter String value) {
        return ParameterChecks.builderImage(value, Defaults.BUILDER_IMAGE);
    }

    @POST
    public FormValidation doCheckDefaultDockerHost(@QueryParameter String value) {
        return ParameterChecks.dockerHost(value);
    }

    @POST
    public FormValidation doCheckDefaultTimeoutMinutes(@QueryParameter String value) {
        return ParameterChecks.timeoutMinutes(value, ParameterDefaults.TIMEOUT_MINUTES);
    }
}
