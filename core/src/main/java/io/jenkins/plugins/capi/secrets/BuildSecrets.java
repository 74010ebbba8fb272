package io.jenkins.plugins.capi.secrets;

import io.jenkins.plugins.capi.config.ConfigKey;
import io.jenkins.plugins.capi.config.ImageConfig;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The credentials a build needs, supplied at run time only (from Jenkins credentials or the environment), never
 * stored in the model. {@link #toString()} never shows a password or a user name marked secret.
 *
 * @param vcenter  the vCenter credential
 * @param rhel     the RHEL subscription credential
 * @param registry the credential for pulling the builder image
 */
public record BuildSecrets(Credential vcenter, Credential rhel, Credential registry) {

    public static final BuildSecrets NONE = new BuildSecrets(Credential.NONE, Credential.NONE, Credential.NONE);

    public BuildSecrets {
        vcenter = vcenter == null ? Credential.NONE : vcenter;
        rhel = rhel == null ? Credential.NONE : rhel;
        registry = registry == null ? Credential.NONE : registry;
    }

    public static BuildSecrets vcenter(String user, String password) {
        return new BuildSecrets(Credential.of(user, password), null, null);
    }

    public BuildSecrets withVcenter(Credential c) {
        return new BuildSecrets(c, rhel, registry);
    }

    public BuildSecrets withRhel(Credential c) {
        return new BuildSecrets(vcenter, c, registry);
    }

    public BuildSecrets withRegistry(Credential c) {
        return new BuildSecrets(vcenter, rhel, c);
    }

    public String vcenterUser() {
        return vcenter.user();
    }

    public String vcenterPassword() {
        return vcenter.password();
    }

    public String rhelUser() {
        return rhel.user();
    }

    public String rhelPassword() {
        return rhel.password();
    }

    public String registryUser() {
        return registry.user();
    }

    public String registryPassword() {
        return registry.password();
    }

    /**
     * The credentials the build uses: each value supplied from outside the file wins over the one written in
     * {@code config}. This is the one precedence rule; build, plan, pre-flight and the plugin all use it.
     */
    public BuildSecrets resolve(ImageConfig config) {
        return new BuildSecrets(
                new Credential(first(vcenter.user(), config, ConfigKey.VCENTER_USER),
                        first(vcenter.password(), config, ConfigKey.VCENTER_PASSWORD), vcenter.userSecret()),
                new Credential(first(rhel.user(), config, ConfigKey.RHEL_SUBSCRIPTION_USER),
                        first(rhel.password(), config, ConfigKey.RHEL_SUBSCRIPTION_PASS), rhel.userSecret()),
                registry);
    }

    private static String first(String supplied, ImageConfig config, ConfigKey key) {
        return supplied != null ? supplied : config.usableValue(key).orElse(null);
    }

    /** The imageconfig keys these credentials supply, so the file need not hold them. */
    public Set<ConfigKey> suppliedKeys() {
        Set<ConfigKey> keys = EnumSet.noneOf(ConfigKey.class);
        if (vcenter.hasUser()) {
            keys.add(ConfigKey.VCENTER_USER);
        }
        if (vcenter.hasPassword()) {
            keys.add(ConfigKey.VCENTER_PASSWORD);
        }
        if (rhel.hasUser()) {
            keys.add(ConfigKey.RHEL_SUBSCRIPTION_USER);
        }
        if (rhel.hasPassword()) {
            keys.add(ConfigKey.RHEL_SUBSCRIPTION_PASS);
        }
        return Collections.unmodifiableSet(keys);
    }

    /**
     * Every value to mask wherever text leaves the tool: the passwords, the user names marked secret, and the value of
     * every key of {@code config} that core treats as secret (also unknown secret-looking keys such as a misspelt
     * {@code vcenter_pasword}: the builder may print its config).
     */
    public List<String> maskingValues(ImageConfig config) {
        Set<String> values = new LinkedHashSet<>(maskingValues());
        if (config != null) {
            config.entries().values().stream()
                    .filter(e -> e.isSet() && ConfigKey.isSecret(e.key()))
                    .forEach(e -> values.add(e.value()));
        }
        return List.copyOf(values);
    }

    /** The supplied passwords and secret user names alone (when no config is at hand, e.g. a connection test). */
    public List<String> maskingValues() {
        List<String> values = new ArrayList<>();
        for (Credential c : List.of(vcenter, rhel, registry)) {
            if (c.hasPassword()) {
                values.add(c.password());
            }
            if (c.userSecret() && c.hasUser()) {
                values.add(c.user());
            }
        }
        return values;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BuildSecrets b && vcenter.equals(b.vcenter) && rhel.equals(b.rhel)
                && registry.equals(b.registry);
    }

    @Override
    public int hashCode() {
        return Objects.hash(vcenter.user(), rhel.user(), registry.user());
    }

    @Override
    public String toString() {
        return "BuildSecrets[vcenter=" + vcenter + ", rhel=" + rhel + ", registry=" + registry + "]";
    }
}
