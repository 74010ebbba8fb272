package io.jenkins.plugins.capi.jenkins.airgap;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.Util;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.util.FormValidation;
import io.jenkins.plugins.capi.airgap.AirgapRequest;
import io.jenkins.plugins.capi.airgap.YumRepository;
import io.jenkins.plugins.capi.jenkins.Messages;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * The {@code airgap} block of both steps: the vendor's air-gap archive and what goes with it (core's
 * {@link io.jenkins.plugins.capi.airgap.AirgapSettings}). Paths are on the agent, relative to the workspace or
 * absolute; core reads and checks the files when the build is prepared. In a script:
 * {@code airgap: [archive: '/srv/capi/capi-image-builder-v4.6.24.tgz', certificate: 'support-vm.crt']}.
 */
public final class Airgap implements Describable<Airgap> {

    private String archive;
    private String certificate;
    private String kubernetesPack;
    private boolean runKubernetesPack;
    private int yumPort;

    @DataBoundConstructor
    public Airgap() {}

    /** The vendor's {@code capi-image-builder-<tag>.tgz}, or the folder it was extracted into. */
    public String getArchive() {
        return archive;
    }

    @DataBoundSetter
    public void setArchive(String archive) {
        this.archive = Util.fixEmptyAndTrim(archive);
    }

    /** The air-gap support VM's certificate (PEM); blank for the support VM's default path. */
    public String getCertificate() {
        return certificate;
    }

    @DataBoundSetter
    public void setCertificate(String certificate) {
        this.certificate = Util.fixEmptyAndTrim(certificate);
    }

    /** {@code airgap-pack-kubernetes-<version>.bin}; its version is checked against {@code k8s_version}. */
    public String getKubernetesPack() {
        return kubernetesPack;
    }

    @DataBoundSetter
    public void setKubernetesPack(String kubernetesPack) {
        this.kubernetesPack = Util.fixEmptyAndTrim(kubernetesPack);
    }

    /** Run the Kubernetes pack before the builder starts (it uploads the Kubernetes images). */
    public boolean isRunKubernetesPack() {
        return runKubernetesPack;
    }

    @DataBoundSetter
    public void setRunKubernetesPack(boolean runKubernetesPack) {
        this.runKubernetesPack = runKubernetesPack;
    }

    /** The Yum repository's host port; 0 for the vendor's. */
    public int getYumPort() {
        return yumPort;
    }

    @DataBoundSetter
    public void setYumPort(int yumPort) {
        this.yumPort = Math.max(0, yumPort);
    }

    @Extension
    public static final class DescriptorImpl extends Descriptor<Airgap> {

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.Airgap_DisplayName();
        }

        /** The placeholder of an empty certificate field. */
        public String getDefaultCertificate() {
            return AirgapRequest.DEFAULT_CERTIFICATE;
        }

        /** The placeholder of an empty Yum port field. */
        public int getDefaultYumPort() {
            return YumRepository.DEFAULT_PORT;
        }

        @POST
        public FormValidation doCheckArchive(@QueryParameter String value) {
            return Util.fixEmptyAndTrim(value) == null
                    ? FormValidation.error(Messages.Check_Airgap_ArchiveRequired())
                    : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckCertificate(@QueryParameter String value) {
            return Util.fixEmptyAndTrim(value) == null
                    ? FormValidation.ok(Messages.Check_Airgap_CertificateDefault(AirgapRequest.DEFAULT_CERTIFICATE))
                    : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckRunKubernetesPack(
                @QueryParameter boolean value, @QueryParameter String kubernetesPack) {
            return value && Util.fixEmptyAndTrim(kubernetesPack) == null
                    ? FormValidation.warning(Messages.Check_Airgap_RunWithoutPack())
                    : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckYumPort(@QueryParameter String value) {
            String v = Util.fixEmptyAndTrim(value);
            if (v == null || v.equals("0")) {
                return FormValidation.ok(Messages.Check_Airgap_YumPortDefault(YumRepository.DEFAULT_PORT));
            }
            return FormValidation.ok();
        }
    }
}
