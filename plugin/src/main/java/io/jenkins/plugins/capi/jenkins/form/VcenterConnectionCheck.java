package io.jenkins.plugins.capi.jenkins.form;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import com.cloudbees.plugins.credentials.domains.URIRequirementBuilder;
import hudson.Util;
import hudson.model.Item;
import hudson.model.Queue;
import hudson.model.queue.Tasks;
import hudson.security.ACL;
import hudson.util.FormValidation;
import io.jenkins.plugins.capi.jenkins.Messages;
import io.jenkins.plugins.capi.vsphere.VcenterConnection;
import io.jenkins.plugins.capi.vsphere.VsphereException;
import io.jenkins.plugins.capi.vsphere.VsphereTimeouts;
import io.jenkins.plugins.capi.vsphere.VsphereTls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import jenkins.model.Jenkins;

/**
 * The "Test Connection" button: logs in to vCenter from the controller with the selected credentials. It needs the
 * vCenter server in the form, because the imageconfig lives in an agent workspace the controller cannot read here.
 */
public final class VcenterConnectionCheck {

    static final Duration TIMEOUT = Duration.ofSeconds(20);

    private VcenterConnectionCheck() {}

    /** Callers annotate their web method with {@code @POST}; the permission check is here. */
    public static FormValidation test(
            Item item, String vcenterServer, String credentialsId, String vcenterCaFile, boolean vcenterInsecure) {
        if (item == null) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        } else {
            item.checkPermission(Item.CONFIGURE);
        }
        String server = Util.fixEmptyAndTrim(vcenterServer);
        if (server == null) {
            return FormValidation.error(Messages.TestConnection_NoServer());
        }
        FormValidation serverCheck = ParameterChecks.vcenterServer(server);
        if (serverCheck.kind == FormValidation.Kind.ERROR) {
            return serverCheck;
        }
        String id = Util.fixEmptyAndTrim(credentialsId);
        if (id == null) {
            return FormValidation.error(Messages.TestConnection_NoCredentials());
        }
        StandardUsernamePasswordCredentials c = CredentialsProvider.findCredentialByIdInItem(
                id,
                StandardUsernamePasswordCredentials.class,
                item,
                item instanceof Queue.Task task ? Tasks.getAuthenticationOf2(task) : ACL.SYSTEM2,
                URIRequirementBuilder.fromUri("https://" + server).build());
        if (c == null) {
            return FormValidation.error(Messages.Credentials_NotFound(id));
        }
        Path caFile = null;
        String ca = Util.fixEmptyAndTrim(vcenterCaFile);
        if (ca != null) {
            caFile = Path.of(ca);
            if (!Files.isReadable(caFile)) {
                return FormValidation.warning(Messages.TestConnection_CaFileNotOnController(ca));
            }
        }
        try {
            String result = VcenterConnection.test(
                    server,
                    c.getUsername(),
                    c.getPassword().getPlainText(),
                    new VsphereTls(caFile, vcenterInsecure),
                    VsphereTimeouts.of(TIMEOUT));
            return vcenterInsecure
                    ? FormValidation.warning(result + " - " + Messages.Check_VcenterInsecure())
                    : FormValidation.ok(result);
        } catch (VsphereException e) {
            return FormValidation.error(e.getMessage());
        } catch (RuntimeException e) {
            // Not our safe exception: show only its type, its message could in theory carry request details.
            return FormValidation.error(
                    Messages.TestConnection_Unexpected(server, e.getClass().getSimpleName()));
        }
    }
}
