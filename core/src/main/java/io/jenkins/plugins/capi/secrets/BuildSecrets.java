package io.jenkins.plugins.capi.secrets;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The credentials a build needs, supplied at render/run time only (from Jenkins credentials or the
 * environment), never stored in the model. {@link #toString()} never shows a password.
 *
 * @param vcenterUser      vCenter user name (not secret, but comes with the credentials); may be null
 * @param vcenterPassword  vCenter password; may be null
 * @param rhelUser         RHEL subscription user; may be null
 * @param rhelPassword     RHEL subscription password; may be null
 * @param registryUser     registry user for pulling the builder image; may be null
 * @param registryPassword registry password; may be null
 */
public record BuildSecrets(String vcenterUser, String vcenterPassword, String rhelUser, String rhelPassword,
                           String registryUser, String registryPassword) {

    public static final BuildSecrets NONE = new BuildSecrets(null, null, null, null, null, null);

    public static BuildSecrets vcenter(String user, String password) {
        return new BuildSecrets(user, password, null, null, null, null);
    }

    public BuildSecrets withRhel(String user, String password) {
        return new BuildSecrets(vcenterUser, vcenterPassword, user, password, registryUser, registryPassword);
    }

    public BuildSecrets withRegistry(String user, String password) {
        return new BuildSecrets(vcenterUser, vcenterPassword, rhelUser, rhelPassword, user, password);
    }

    /** Every secret value that must be masked wherever text leaves the tool (non-empty ones only). */
    public List<String> maskableValues() {
        List<String> values = new ArrayList<>();
        for (String s : new String[] {vcenterPassword, rhelPassword, registryPassword}) {
            if (s != null && !s.isEmpty()) {
                values.add(s);
            }
        }
        return Collections.unmodifiableList(values);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BuildSecrets b && Objects.equals(vcenterUser, b.vcenterUser)
                && Objects.equals(vcenterPassword, b.vcenterPassword) && Objects.equals(rhelUser, b.rhelUser)
                && Objects.equals(rhelPassword, b.rhelPassword) && Objects.equals(registryUser, b.registryUser)
                && Objects.equals(registryPassword, b.registryPassword);
    }

    @Override
    public int hashCode() {
        return Objects.hash(vcenterUser, rhelUser, registryUser);
    }

    @Override
    public String toString() {
        return "BuildSecrets[vcenterUser=" + vcenterUser + ", vcenterPassword=" + shown(vcenterPassword)
                + ", rhelUser=" + rhelUser + ", rhelPassword=" + shown(rhelPassword)
                + ", registryUser=" + registryUser + ", registryPassword=" + shown(registryPassword) + "]";
    }

    private static String shown(String secret) {
        return secret == null ? "null" : "<redacted>";
    }
}
