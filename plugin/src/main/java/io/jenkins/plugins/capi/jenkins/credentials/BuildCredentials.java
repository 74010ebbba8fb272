package io.jenkins.plugins.capi.jenkins.credentials;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import com.cloudbees.plugins.credentials.domains.DomainRequirement;
import com.cloudbees.plugins.credentials.domains.URIRequirementBuilder;
import hudson.AbortException;
import hudson.model.Run;
import io.jenkins.plugins.capi.jenkins.agent.AgentSecrets;
import io.jenkins.plugins.capi.jenkins.run.BuildSettings;
import java.util.List;

/**
 * Looks up the build's username/password credentials for the run (so folder credentials and the job's
 * authentication apply), restricted to the domain of the service they are for, and records their use.
 */
public final class BuildCredentials {

    /** Where RHEL subscription credentials are used; matches a credentials domain for Red Hat. */
    static final String RHEL_SUBSCRIPTION_URI = "https://subscription.rhsm.redhat.com";

    private BuildCredentials() {}

    /**
     * @param vcenterServer host[:port] of vCenter from the imageconfig or the step, or null when unknown
     * @throws AbortException naming the parameter and id when a configured credential cannot be found
     */
    public static AgentSecrets resolve(Run<?, ?> run, BuildSettings settings, String vcenterServer)
            throws AbortException {
        AgentSecrets secrets = AgentSecrets.NONE;
        if (settings.credentialsId() != null) {
            StandardUsernamePasswordCredentials c = find(
                    run,
                    "credentialsId",
                    settings.credentialsId(),
                    vcenterServer == null
                            ? List.of()
                            : URIRequirementBuilder.fromUri("https://" + vcenterServer)
                                    .build());
            secrets = maskUsernameIfSecret(secrets.withVcenter(c.getUsername(), c.getPassword()), c);
        }
        if (settings.rhelCredentialsId() != null) {
            StandardUsernamePasswordCredentials c = find(
                    run,
                    "rhelCredentialsId",
                    settings.rhelCredentialsId(),
                    URIRequirementBuilder.fromUri(RHEL_SUBSCRIPTION_URI).build());
            secrets = maskUsernameIfSecret(secrets.withRhel(c.getUsername(), c.getPassword()), c);
        }
        if (settings.registryCredentialsId() != null) {
            String registry = registryHost(settings.builderImage());
            StandardUsernamePasswordCredentials c = find(
                    run,
                    "registryCredentialsId",
                    settings.registryCredentialsId(),
                    registry == null
                            ? List.of()
                            : URIRequirementBuilder.fromUri("https://" + registry)
                                    .build());
            secrets = maskUsernameIfSecret(secrets.withRegistry(c.getUsername(), c.getPassword()), c);
        }
        return secrets;
    }

    private static AgentSecrets maskUsernameIfSecret(AgentSecrets secrets, StandardUsernamePasswordCredentials c) {
        return c.isUsernameSecret() ? secrets.withSecretUsername(c.getUsername()) : secrets;
    }

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

    private static String describe(List<DomainRequirement> requirements) {
        return requirements.stream()
                .map(Object::toString)
                .reduce((a, b) -> a + ", " + b)
                .orElse("");
    }

    /**
     * The registry part of an image reference ({@code us-docker.pkg.dev/...} → {@code us-docker.pkg.dev}), or null
     * for a Docker Hub short name; Docker's rule: the first component is a host when it has a dot or a colon, or is
     * {@code localhost}.
     */
    public static String registryHost(String image) {
        if (image == null) {
            return null;
        }
        int slash = image.indexOf('/');
        if (slash <= 0) {
            return null;
        }
        String first = image.substring(0, slash);
        return first.contains(".") || first.contains(":") || first.equals("localhost") ? first : null;
    }
}
