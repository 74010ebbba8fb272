package io.jenkins.plugins.capi.jenkins.form;

import hudson.model.Item;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.capi.customize.CustomizationPlan;
import io.jenkins.plugins.capi.customize.RhsmWorkaround;
import io.jenkins.plugins.capi.jenkins.Messages;
import io.jenkins.plugins.capi.jenkins.config.CapiImageBuilderConfiguration;
import io.jenkins.plugins.capi.jenkins.credentials.CredentialDomains;
import io.jenkins.plugins.capi.jenkins.credentials.CredentialsChoices;
import java.util.Locale;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * The form endpoints of the image build's parameters, shared by the Pipeline step's and the freestyle builder's
 * descriptors (which cannot share a superclass). Jenkins finds {@code doFill…Items} and {@code doCheck…} methods with
 * {@code Class.getMethods()}, and Stapler dispatches to every public method that reflection lists, so default
 * methods of an interface the descriptor implements serve like its own methods.
 */
public interface ImageBuildForm {

    /** The image an empty {@code builderImage} means, for the field's placeholder. */
    default String getDefaultBuilderImage() {
        return CapiImageBuilderConfiguration.get().effectiveBuilderImage();
    }

    default ListBoxModel doFillCredentialsIdItems(
            @AncestorInPath Item item, @QueryParameter String credentialsId, @QueryParameter String vcenterServer) {
        return CredentialsChoices.usernamePasswordItems(item, credentialsId, CredentialDomains.vcenter(vcenterServer));
    }

    default ListBoxModel doFillRhelCredentialsIdItems(
            @AncestorInPath Item item, @QueryParameter String rhelCredentialsId) {
        return CredentialsChoices.usernamePasswordItems(item, rhelCredentialsId, CredentialDomains.rhelSubscription());
    }

    default ListBoxModel doFillRegistryCredentialsIdItems(
            @AncestorInPath Item item,
            @QueryParameter String registryCredentialsId,
            @QueryParameter String builderImage) {
        return CredentialsChoices.usernamePasswordItems(
                item, registryCredentialsId, CredentialDomains.registry(builderImageOrDefault(builderImage)));
    }

    @POST
    default FormValidation doCheckCredentialsId(
            @AncestorInPath Item item, @QueryParameter String value, @QueryParameter String vcenterServer) {
        return CredentialsChoices.check(
                item, value, true, Messages.Credentials_VcenterBlank(), CredentialDomains.vcenter(vcenterServer));
    }

    @POST
    default FormValidation doCheckRhelCredentialsId(@AncestorInPath Item item, @QueryParameter String value) {
        return CredentialsChoices.check(
                item, value, false, Messages.Credentials_RhelBlank(), CredentialDomains.rhelSubscription());
    }

    @POST
    default FormValidation doCheckRegistryCredentialsId(
            @AncestorInPath Item item, @QueryParameter String value, @QueryParameter String builderImage) {
        return CredentialsChoices.check(
                item,
                value,
                false,
                Messages.Credentials_RegistryBlank(),
                CredentialDomains.registry(builderImageOrDefault(builderImage)));
    }

    @POST
    default FormValidation doCheckConfig(@QueryParameter String value) {
        return ParameterChecks.config(value);
    }

    @POST
    default FormValidation doCheckOutputDir(@QueryParameter String value) {
        return ParameterChecks.outputDir(value);
    }

    @POST
    default FormValidation doCheckIsoPath(@QueryParameter String value) {
        return ParameterChecks.isoPath(value);
    }

    @POST
    default FormValidation doCheckBuilderImage(@QueryParameter String value) {
        return ParameterChecks.builderImage(value, getDefaultBuilderImage());
    }

    @POST
    default FormValidation doCheckDockerHost(@QueryParameter String value) {
        return ParameterChecks.dockerHost(value);
    }

    @POST
    default FormValidation doCheckTimeoutMinutes(@QueryParameter String value) {
        return ParameterChecks.timeoutMinutes(
                value, CapiImageBuilderConfiguration.get().effectiveTimeoutMinutes());
    }

    @POST
    default FormValidation doCheckStopGraceSeconds(@QueryParameter String value) {
        return ParameterChecks.stopGraceSeconds(value);
    }

    @POST
    default FormValidation doCheckVcenterServer(@QueryParameter String value) {
        return ParameterChecks.vcenterServer(value);
    }

    @POST
    default FormValidation doCheckVcenterCaFile(@QueryParameter String value, @QueryParameter boolean vcenterInsecure) {
        return ParameterChecks.vcenterCaFile(value, vcenterInsecure);
    }

    @POST
    default FormValidation doCheckPreflight(@QueryParameter boolean value) {
        return ParameterChecks.preflight(value);
    }

    @POST
    default FormValidation doCheckVcenterInsecure(@QueryParameter boolean value) {
        return ParameterChecks.vcenterInsecure(value);
    }

    @POST
    default FormValidation doTestConnection(
            @AncestorInPath Item item,
            @QueryParameter String vcenterServer,
            @QueryParameter String credentialsId,
            @QueryParameter String vcenterCaFile,
            @QueryParameter boolean vcenterInsecure) {
        return VcenterConnectionCheck.test(item, vcenterServer, credentialsId, vcenterCaFile, vcenterInsecure);
    }

    @POST
    default FormValidation doCheckRemoveBuildVm(@QueryParameter boolean value, @QueryParameter String credentialsId) {
        if (credentialsId == null || credentialsId.isBlank()) {
            return FormValidation.ok(Messages.Check_RemoveBuildVm_FileCredentials());
        }
        return value ? FormValidation.ok(Messages.Check_RemoveBuildVm_On()) : FormValidation.ok();
    }

    @POST
    default FormValidation doCheckPreScripts(@QueryParameter String value) {
        return scripts(value);
    }

    @POST
    default FormValidation doCheckPostScripts(@QueryParameter String value) {
        return scripts(value);
    }

    /** The files are on the agent: core reads and checks them when the build is prepared. */
    private static FormValidation scripts(String value) {
        return value == null || value.isBlank()
                ? FormValidation.ok()
                : FormValidation.ok(Messages.Check_Scripts_CheckedAtBuild(CustomizationPlan.SCRIPTS_FROM));
    }

    @POST
    default FormValidation doCheckKickstart(@QueryParameter String value) {
        return value == null || value.isBlank()
                ? FormValidation.ok(Messages.Check_Kickstart_Blank())
                : FormValidation.ok(Messages.Check_Kickstart_CheckedAtBuild());
    }

    default ListBoxModel doFillRhsmWorkaroundItems() {
        ListBoxModel items = new ListBoxModel();
        for (RhsmWorkaround.Mode m : RhsmWorkaround.Mode.values()) {
            items.add(m.name().toLowerCase(Locale.ROOT));
        }
        return items;
    }

    private static String builderImageOrDefault(String builderImage) {
        return builderImage == null || builderImage.isBlank()
                ? CapiImageBuilderConfiguration.get().effectiveBuilderImage()
                : builderImage.trim();
    }
}
