package io.jenkins.plugins.capi.jenkins.publish;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.Util;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.model.Item;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.capi.jenkins.Messages;
import io.jenkins.plugins.capi.jenkins.credentials.CredentialDomains;
import io.jenkins.plugins.capi.jenkins.credentials.CredentialsChoices;
import io.jenkins.plugins.capi.jenkins.form.ParameterChecks;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * One more vCenter a template is published to, with its own credentials: where (the same places an imageconfig's
 * {@code vcenter_*} keys name), how to trust it, and an optional content library. Holds a credentials id, never a
 * password. In a script: {@code [server: 'dr.example.com', credentialsId: 'dr-vcenter', datacenter: 'DC2', …]}.
 */
public final class VcenterTarget implements Describable<VcenterTarget> {

    private String server;
    private String credentialsId;
    private String datacenter;
    private String folder;
    private String datastore;
    private String network;
    private String cluster;
    private String resourcePool;
    private String caFile;
    private boolean insecure;
    private String contentLibrary;

    /** Every field is optional here; core names what a target lacks when the build checks it. */
    @DataBoundConstructor
    public VcenterTarget() {}

    /** vCenter host[:port], as {@code vcenter_server} is written. */
    public String getServer() {
        return server;
    }

    @DataBoundSetter
    public void setServer(String server) {
        this.server = Util.fixEmptyAndTrim(server);
    }

    /** Username/password credentials for this vCenter, looked up in the domain of {@link #getServer()}. */
    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = Util.fixEmptyAndTrim(credentialsId);
    }

    public String getDatacenter() {
        return datacenter;
    }

    @DataBoundSetter
    public void setDatacenter(String datacenter) {
        this.datacenter = Util.fixEmptyAndTrim(datacenter);
    }

    public String getFolder() {
        return folder;
    }

    @DataBoundSetter
    public void setFolder(String folder) {
        this.folder = Util.fixEmptyAndTrim(folder);
    }

    public String getDatastore() {
        return datastore;
    }

    @DataBoundSetter
    public void setDatastore(String datastore) {
        this.datastore = Util.fixEmptyAndTrim(datastore);
    }

    public String getNetwork() {
        return network;
    }

    @DataBoundSetter
    public void setNetwork(String network) {
        this.network = Util.fixEmptyAndTrim(network);
    }

    public String getCluster() {
        return cluster;
    }

    @DataBoundSetter
    public void setCluster(String cluster) {
        this.cluster = Util.fixEmptyAndTrim(cluster);
    }

    public String getResourcePool() {
        return resourcePool;
    }

    @DataBoundSetter
    public void setResourcePool(String resourcePool) {
        this.resourcePool = Util.fixEmptyAndTrim(resourcePool);
    }

    /** A PEM file with this vCenter's CA, on the agent (relative to the workspace, or absolute). */
    public String getCaFile() {
        return caFile;
    }

    @DataBoundSetter
    public void setCaFile(String caFile) {
        this.caFile = Util.fixEmptyAndTrim(caFile);
    }

    public boolean isInsecure() {
        return insecure;
    }

    @DataBoundSetter
    public void setInsecure(boolean insecure) {
        this.insecure = insecure;
    }

    /** A local content library of this vCenter to publish an OVF item to as well; blank for the block's. */
    public String getContentLibrary() {
        return contentLibrary;
    }

    @DataBoundSetter
    public void setContentLibrary(String contentLibrary) {
        this.contentLibrary = Util.fixEmptyAndTrim(contentLibrary);
    }

    @Extension
    public static final class DescriptorImpl extends Descriptor<VcenterTarget> {

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.VcenterTarget_DisplayName();
        }

        /** {@code server} is the sibling field of this target: the page finds it inside the same repeated block. */
        public ListBoxModel doFillCredentialsIdItems(
                @AncestorInPath Item item, @QueryParameter String credentialsId, @QueryParameter String server) {
            return CredentialsChoices.usernamePasswordItems(item, credentialsId, CredentialDomains.vcenter(server));
        }

        @POST
        public FormValidation doCheckCredentialsId(
                @AncestorInPath Item item, @QueryParameter String value, @QueryParameter String server) {
            if (Util.fixEmptyAndTrim(value) == null) {
                return FormValidation.error(Messages.VcenterTarget_CredentialsRequired());
            }
            return CredentialsChoices.check(item, value, true, "", CredentialDomains.vcenter(server));
        }

        @POST
        public FormValidation doCheckServer(@QueryParameter String value) {
            if (Util.fixEmptyAndTrim(value) == null) {
                return FormValidation.error(Messages.VcenterTarget_ServerRequired());
            }
            return ParameterChecks.vcenterServer(value);
        }

        @POST
        public FormValidation doCheckCaFile(@QueryParameter String value, @QueryParameter boolean insecure) {
            return ParameterChecks.vcenterCaFile(value, insecure);
        }

        @POST
        public FormValidation doCheckInsecure(@QueryParameter boolean value) {
            return ParameterChecks.vcenterInsecure(value);
        }
    }
}
