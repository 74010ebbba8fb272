package io.jenkins.plugins.capi.jenkins.credentials;

import com.cloudbees.plugins.credentials.domains.DomainRequirement;
import com.cloudbees.plugins.credentials.domains.URIRequirementBuilder;
import hudson.Util;
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

    /** The registry the builder image is pulled from; no requirement for a Docker Hub name. */
    public static List<DomainRequirement> registry(String builderImage) {
        String registry = registryHost(builderImage);
        return registry == null
                ? List.of()
                : URIRequirementBuilder.fromUri("https://" + registry).build();
    }

    /**
     * The registry part of an image reference ({@code us-docker.pkg.dev/...} → {@code us-docker.pkg.dev}), or null
     * for a Docker Hub short name; Docker's rule: the first component is a host when it has a dot or a colon, or is
     * {@code localhost}.
     */
    static String registryHost(String image) {
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
