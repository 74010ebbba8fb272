package io.jenkins.plugins.capi.jenkins.form;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.Util;
import hudson.model.Item;
import hudson.model.Queue;
import hudson.model.queue.Tasks;
import hudson.security.ACL;
import hudson.util.FormValidation;
import io.jenkins.plugins.capi.jenkins.Messages;
import io.jenkins.plugins.capi.jenkins.credentials.CredentialDomains;
import io.jenkins.plugins.capi.vsphere.VcenterConnection;
import io.jenkins.plugins.capi.vsphere.VsphereException;
import io.jenkins.plugins.capi.vsphere.VsphereTimeouts;
import io.jenkins.plugins.capi.vsphere.VsphereTls;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import jenkins.model.Jenkins;

/**
 * The "Test Connection" button: logs in to vCenter from the controller with the selected credentials. It needs the
 * vCenter server in the form, because the imageconfig lives in an agent workspace the controller cannot read here.
 *
 * <p>The CA file is a path on the agent. The controller only opens it for administrators: for anyone else a path
 * in the form would be a probe of the controller's file system (missing, unreadable and not-a-certificate answer
 * differently), so the test then runs without it and says so.
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
                CredentialDomains.vcenter(server));
        if (c == null) {
            return FormValidation.error(Messages.Credentials_NotFound(id));
        }
        String ca = Util.fixEmptyAndTrim(vcenterCaFile);
        Path caFile = null;
        String caNote = null;
        if (ca != null && !vcenterInsecure) {
            if (!Jenkins.get().hasPermission(Jenkins.ADMINISTER)) {
                caNote = Messages.TestConnection_CaFileAdminOnly();
            } else {
                try {
                    caFile = Path.of(ca);
                } catch (InvalidPathException e) {
                    return FormValidation.error(Messages.TestConnection_CaFileInvalid());
                }
                if (!Files.isReadable(caFile)) {
                    return FormValidation.warning(Messages.TestConnection_CaFileNotOnController(ca));
                }
            }
        }
        FormValidation result = connect(server, c, new VsphereTls(caFile, vcenterInsecure), vcenterInsecure);
        if (caNote == null) {
            return result;
        }
        return FormValidation.aggregate(List.of(result, FormValidation.warning(caNote)));
    }

    private static FormValidation connect(
            String server, StandardUsernamePasswordCredentials c, VsphereTls tls, boolean insecure) {
        try {
            String result = VcenterConnection.test(
                    server, c.getUsername(), c.getPassword().getPlainText(), tls, VsphereTimeouts.of(TIMEOUT));
            return insecure
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
