package io.jenkins.plugins.capi.jenkins.credentials;

import com.cloudbees.plugins.credentials.domains.DomainSpecification;
import hudson.model.ParameterDefinition;
import hudson.model.ParameterValue;

/**
 * Credentials plugin classes the tests need but the compile-only API surface this project checks against lacks
 * ({@code HostnameSpecification}, {@code CredentialsParameterDefinition}, {@code CredentialsParameterValue}). They
 * exist in the real plugin the tests run with, so they are made through their public constructors by reflection.
 */
public final class CredentialsPluginTypes {

    private static final String PACKAGE = "com.cloudbees.plugins.credentials.";

    private CredentialsPluginTypes() {}

    /** Matches host names in {@code includes} (comma separated, {@code *} wildcards). */
    public static DomainSpecification hostnameSpecification(String includes) throws ReflectiveOperationException {
        return (DomainSpecification) Class.forName(PACKAGE + "domains.HostnameSpecification")
                .getConstructor(String.class, String.class)
                .newInstance(includes, null);
    }

    /** A Credentials parameter named {@code name} offering username/password credentials. */
    static ParameterDefinition credentialsParameter(String name) throws ReflectiveOperationException {
        return (ParameterDefinition) Class.forName(PACKAGE + "CredentialsParameterDefinition")
                .getConstructor(String.class, String.class, String.class, String.class, boolean.class)
                .newInstance(
                        name,
                        null,
                        null,
                        "com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials",
                        true);
    }

    /** The value a user chose for the Credentials parameter {@code name}: the id {@code credentialsId}. */
    static ParameterValue credentialsParameterValue(String name, String credentialsId)
            throws ReflectiveOperationException {
        return (ParameterValue) Class.forName(PACKAGE + "CredentialsParameterValue")
                .getConstructor(String.class, String.class, String.class)
                .newInstance(name, credentialsId, null);
    }
}
