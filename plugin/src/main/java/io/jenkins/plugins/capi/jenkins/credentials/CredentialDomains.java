package io.jenkins.plugins.capi.jenkins.credentials;

import com.cloudbees.plugins.credentials.domains.DomainRequirement;
import com.cloudbees.plugins.credentials.domains.URIRequirementBuilder;
import hudson.Util;
import io.jenkins.plugins.capi.container.ImageReference;
import java.util.List;

/**
 * The credentials domain each kind of credentials is looked up in. The build, the form's drop-downs and the form's
 * checks all ask here, so a credential the form offers is one the build accepts.
 */
public final class CredentialDomains {

    /** Where RHEL subscription credentials are used; matches a credentials domain for Red Hat. */
    static final String RHEL_SUBSCRIPTION_URI = "https://subscription.rhsm.redhat.com";

    private CredentialDomains() {}

    /** vCenter at {@code host[:port]}; no requirement (any domain) while the server is not known. */
    public static List<DomainRequirement> vcenter(String vcenterServer) {
        String server = Util.fixEmptyAndTrim(vcenterServer);
        return server == null
                ? List.of()
                : URIRequirementBuilder.fromUri("https://" + server).build();
    }

    public static List<DomainRequirement> rhelSubscription() {
        return URIRequirementBuilder.fromUri(RHEL_SUBSCRIPTION_URI).build();
    }

    /** The registry the builder image is pulled from ({@code docker.io} for a Docker Hub name), as core reads it. */
    public static List<DomainRequirement> registry(String builderImage) {
        if (builderImage == null || ImageReference.problem(builderImage).isPresent()) {
            return List.of();
        }
        return URIRequirementBuilder.fromUri(
                        "https://" + ImageReference.parse(builderImage).registry())
                .build();
    }
}
