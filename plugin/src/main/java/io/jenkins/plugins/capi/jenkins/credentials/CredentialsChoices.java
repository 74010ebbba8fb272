package io.jenkins.plugins.capi.jenkins.credentials;

import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import com.cloudbees.plugins.credentials.domains.DomainRequirement;
import hudson.Util;
import hudson.model.Item;
import hudson.model.Queue;
import hudson.model.queue.Tasks;
import hudson.security.ACL;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.capi.jenkins.Messages;
import java.util.List;
import jenkins.model.Jenkins;
import org.springframework.security.core.Authentication;

/**
 * Credentials drop-downs and checks for the step forms, following the credentials plugin's consumer guide: users who
 * may not configure the job (or use its credentials) only see the current value, never the list. Lists and checks
 * apply the domain requirements the build applies ({@link CredentialDomains}).
 */
public final class CredentialsChoices {

    private CredentialsChoices() {}

    public static ListBoxModel usernamePasswordItems(
            Item item, String currentValue, List<DomainRequirement> requirements) {
        String current = Util.fixNull(currentValue);
        if (!mayList(item)) {
            return new StandardListBoxModel().includeCurrentValue(current);
        }
        return new StandardListBoxModel()
                .includeEmptyValue()
                .includeMatchingAs(
                        authenticationFor(item),
                        item,
                        StandardUsernamePasswordCredentials.class,
                        requirements,
                        CredentialsMatchers.always())
                .includeCurrentValue(current);
    }

    /**
     * @param required when true a blank value is a warning, else it means "not used"
     * @param blankMessage what a blank value means for this field
     */
    public static FormValidation check(
            Item item, String value, boolean required, String blankMessage, List<DomainRequirement> requirements) {
        if (!mayList(item)) {
            return FormValidation.ok();
        }
        String id = Util.fixEmptyAndTrim(value);
        if (id == null) {
            return required ? FormValidation.warning(blankMessage) : FormValidation.ok(blankMessage);
        }
        if (id.startsWith("${") && id.endsWith("}")) {
            return FormValidation.warning(Messages.Credentials_Expression());
        }
        if (!visible(item, id, requirements)) {
            if (!requirements.isEmpty() && visible(item, id, List.of())) {
                return FormValidation.error(
                        Messages.Credentials_OtherDomain(id, BuildCredentials.describe(requirements)));
            }
            return FormValidation.error(Messages.Credentials_NotFound(id));
        }
        return FormValidation.ok();
    }

    private static boolean visible(Item item, String id, List<DomainRequirement> requirements) {
        return !CredentialsProvider.listCredentialsInItem(
                        StandardUsernamePasswordCredentials.class,
                        item,
                        authenticationFor(item),
                        requirements,
                        CredentialsMatchers.withId(id))
                .isEmpty();
    }

    private static boolean mayList(Item item) {
        if (item == null) {
            return Jenkins.get().hasPermission(Jenkins.ADMINISTER);
        }
        return item.hasPermission(Item.EXTENDED_READ) || item.hasPermission(CredentialsProvider.USE_ITEM);
    }

    /** What the build will run as: the job's authentication (Authorize Project etc.), else SYSTEM. */
    static Authentication authenticationFor(Item item) {
        return item instanceof Queue.Task task ? Tasks.getAuthenticationOf2(task) : ACL.SYSTEM2;
    }
}
