package io.jenkins.plugins.capi.jenkins.credentials;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import com.cloudbees.plugins.credentials.domains.DomainRequirement;
import hudson.AbortException;
import hudson.model.Run;
import io.jenkins.plugins.capi.jenkins.agent.AgentSecrets;
import io.jenkins.plugins.capi.jenkins.publish.PublishInput;
import io.jenkins.plugins.capi.jenkins.run.BuildSettings;
import java.util.List;

/**
 * Looks up the build's username/password credentials for the run (so folder credentials, the job's authentication
 * and Credentials parameters apply), in the domain {@link CredentialDomains} names, and records their use.
 */
public final class BuildCredentials {

    private BuildCredentials() {}

    /**
     * @param vcenterServer host[:port] of vCenter from the imageconfig or the step, or null when unknown
     * @throws AbortException naming the parameter and id when a configured credential cannot be found
     */
    public static AgentSecrets resolve(Run<?, ?> run, BuildSettings settings, String vcenterServer)
            throws AbortException {
        AgentSecrets secrets = withVcenter(run, AgentSecrets.NONE, settings.credentialsId(), vcenterServer);
        if (settings.rhelCredentialsId() != null) {
            StandardUsernamePasswordCredentials c =
                    find(run, "rhelCredentialsId", settings.rhelCredentialsId(), CredentialDomains.rhelSubscription());
            secrets = secrets.withRhel(c.getUsername(), c.getPassword(), c.isUsernameSecret());
        }
        if (settings.registryCredentialsId() != null) {
            StandardUsernamePasswordCredentials c = find(
                    run,
                    "registryCredentialsId",
                    settings.registryCredentialsId(),
                    CredentialDomains.registry(settings.builderImage()));
            secrets = secrets.withRegistry(c.getUsername(), c.getPassword(), c.isUsernameSecret());
        }
        return withTargets(run, secrets, settings.publish());
    }

    /**
     * Adds the vCenter credentials {@code credentialsId} (the parameter of that name), looked up in the domain of
     * {@code vcenterServer}.
     *
     * @param credentialsId as configured, or null for none
     */
    public static AgentSecrets withVcenter(
            Run<?, ?> run, AgentSecrets secrets, String credentialsId, String vcenterServer) throws AbortException {
        if (credentialsId == null) {
            return secrets;
        }
        StandardUsernamePasswordCredentials c =
                find(run, "credentialsId", credentialsId, CredentialDomains.vcenter(vcenterServer));
        return secrets.withVcenter(c.getUsername(), c.getPassword(), c.isUsernameSecret());
    }

    /**
     * Adds the credentials of every publish target, each looked up in the domain of its own vCenter.
     *
     * @param publish the publish block, or null
     */
    public static AgentSecrets withTargets(Run<?, ?> run, AgentSecrets secrets, PublishInput publish)
            throws AbortException {
        if (publish == null) {
            return secrets;
        }
        AgentSecrets all = secrets;
        for (PublishInput.TargetInput t : publish.targets()) {
            StandardUsernamePasswordCredentials c = find(
                    run, "credentialsId of " + t.label(), t.credentialsId(), CredentialDomains.vcenter(t.server()));
            all = all.withTarget(c.getUsername(), c.getPassword(), c.isUsernameSecret());
        }
        return all;
    }

    /**
     * @param id as configured: the credentials plugin resolves a {@code ${NAME}} Credentials parameter itself,
     *           including user-scoped credentials picked by the user who started the build
     */
    private static StandardUsernamePasswordCredentials find(
            Run<?, ?> run, String parameter, String id, List<DomainRequirement> requirements) throws AbortException {
        StandardUsernamePasswordCredentials c = CredentialsProvider.findCredentialById(
                id, StandardUsernamePasswordCredentials.class, run, requirements);
        if (c == null) {
            throw new AbortException(parameter + ": no username/password credentials with id '" + id
                    + "' that this job may use"
                    + (requirements.isEmpty() ? "" : " in a domain matching " + describe(requirements))
                    + ". Check the id, the credentials' scope and domain, and the folder "
                    + "they are stored in.");
        }
        CredentialsProvider.track(run, c);
        return c;
    }

    static String describe(List<DomainRequirement> requirements) {
        return requirements.stream()
                .map(Object::toString)
                .reduce((a, b) -> a + ", " + b)
                .orElse("");
    }
}
