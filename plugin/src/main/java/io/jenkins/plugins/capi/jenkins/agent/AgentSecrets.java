package io.jenkins.plugins.capi.jenkins.agent;

import hudson.util.Secret;
import io.jenkins.plugins.capi.secrets.BuildSecrets;
import io.jenkins.plugins.capi.secrets.Credential;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The credential values one build sends to its agent, inside the build callable only. Never stored in a step, a
 * builder, an action or the Pipeline program; passwords stay {@link Secret}s until core needs them as text.
 */
public final class AgentSecrets implements Serializable {

    private static final long serialVersionUID = 1L;

    public static final AgentSecrets NONE = new AgentSecrets(null, null, null, null, null, null, List.of());

    private final String vcenterUser;
    private final Secret vcenterPassword;
    private final String rhelUser;
    private final Secret rhelPassword;
    private final String registryUser;
    private final Secret registryPassword;
    // User names whose credentials say they are secret (isUsernameSecret): masked like passwords.
    private final ArrayList<String> secretUsernames;

    private AgentSecrets(
            String vcenterUser,
            Secret vcenterPassword,
            String rhelUser,
            Secret rhelPassword,
            String registryUser,
            Secret registryPassword,
            List<String> secretUsernames) {
        this.vcenterUser = vcenterUser;
        this.vcenterPassword = vcenterPassword;
        this.rhelUser = rhelUser;
        this.rhelPassword = rhelPassword;
        this.registryUser = registryUser;
        this.registryPassword = registryPassword;
        this.secretUsernames = new ArrayList<>(secretUsernames);
    }

    public AgentSecrets withVcenter(String user, Secret password) {
        return new AgentSecrets(
                user, password, rhelUser, rhelPassword, registryUser, registryPassword, secretUsernames);
    }

    public AgentSecrets withRhel(String user, Secret password) {
        return new AgentSecrets(
                vcenterUser, vcenterPassword, user, password, registryUser, registryPassword, secretUsernames);
    }

    public AgentSecrets withRegistry(String user, Secret password) {
        return new AgentSecrets(vcenterUser, vcenterPassword, rhelUser, rhelPassword, user, password, secretUsernames);
    }

    /** A copy that also masks {@code username}. */
    public AgentSecrets withSecretUsername(String username) {
        List<String> names = new ArrayList<>(secretUsernames);
        names.add(username);
        return new AgentSecrets(
                vcenterUser, vcenterPassword, rhelUser, rhelPassword, registryUser, registryPassword, names);
    }

    public boolean hasVcenter() {
        return vcenterPassword != null;
    }

    public boolean hasRhel() {
        return rhelPassword != null;
    }

    /** Core's form, built on the agent right before the build. */
    public BuildSecrets toBuildSecrets() {
        return new BuildSecrets(
                new Credential(vcenterUser, text(vcenterPassword), secretUsernames.contains(vcenterUser)),
                new Credential(rhelUser, text(rhelPassword), secretUsernames.contains(rhelUser)),
                new Credential(registryUser, text(registryPassword), secretUsernames.contains(registryUser)));
    }

    /** Every password (and user names marked secret), for the controller's masking pass. */
    public List<String> maskableValues() {
        List<String> values = new ArrayList<>(secretUsernames);
        for (Secret s : new Secret[] {vcenterPassword, rhelPassword, registryPassword}) {
            String t = text(s);
            if (t != null && !t.isEmpty()) {
                values.add(t);
            }
        }
        return values;
    }

    private static String text(Secret s) {
        return s == null ? null : s.getPlainText();
    }

    @Override
    public String toString() {
        return "AgentSecrets[vcenterUser=" + vcenterUser + ", rhelUser=" + rhelUser + ", registryUser=" + registryUser
                + ", passwords=<redacted>]";
    }
}
