package io.jenkins.plugins.capi.container;

/** Credentials for pulling the builder image from a private registry. {@link #toString()} hides the password. */
public record RegistryAuth(String registry, String username, String password) {
    @Override
    public String toString() {
        return "RegistryAuth[registry=" + registry + ", username=" + username + ", password=<redacted>]";
    }
}
