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
 * {@link #toString()} names no user and no password: remoting prints callables and their fields in diagnostics.
 */
public final class AgentSecrets implements Serializable {

    private static final long serialVersionUID = 3L;

    public static final AgentSecrets NONE = new AgentSecrets(null, null, null, new ArrayList<>());

    private final Login vcenter;
    private final Login rhel;
    private final Login registry;
    /** The publish targets' logins, the n-th target's at n - 1. ArrayList: a plain serialisable JDK class. */
    private final ArrayList<Login> targets;

    private AgentSecrets(Login vcenter, Login rhel, Login registry, ArrayList<Login> targets) {
        this.vcenter = vcenter;
        this.rhel = rhel;
        this.registry = registry;
        this.targets = targets;
    }

    /** @param userSecret whether the credentials mark the user name as secret (then it is masked too) */
    public AgentSecrets withVcenter(String user, Secret password, boolean userSecret) {
        return new AgentSecrets(new Login(user, password, userSecret), rhel, registry, targets);
    }

    public AgentSecrets withRhel(String user, Secret password, boolean userSecret) {
        return new AgentSecrets(vcenter, new Login(user, password, userSecret), registry, targets);
    }

    public AgentSecrets withRegistry(String user, Secret password, boolean userSecret) {
        return new AgentSecrets(vcenter, rhel, new Login(user, password, userSecret), targets);
    }

    /** The login of the next publish target (the first call is target 1). */
    public AgentSecrets withTarget(String user, Secret password, boolean userSecret) {
        ArrayList<Login> more = new ArrayList<>(targets);
        more.add(new Login(user, password, userSecret));
        return new AgentSecrets(vcenter, rhel, registry, more);
    }

    /** Core's form of publish target {@code number}'s login (from 1), or null when there is none. */
    public Credential target(int number) {
        return number < 1 || number > targets.size() ? null : credential(targets.get(number - 1));
    }

    public boolean hasVcenter() {
        return vcenter != null && vcenter.password != null;
    }

    /** Core's form, built on the agent right before the build. */
    public BuildSecrets toBuildSecrets() {
        return new BuildSecrets(credential(vcenter), credential(rhel), credential(registry));
    }

    private static Credential credential(Login login) {
        return login == null ? null : new Credential(login.user, password(login), login.userSecret);
    }

    /**
     * Every password, and the user names marked secret: core's masking values of these credentials, the publish
     * targets' included.
     */
    public List<String> maskingValues() {
        List<String> values = new ArrayList<>(toBuildSecrets().maskingValues());
        for (Login target : targets) {
            values.addAll(new BuildSecrets(credential(target), null, null).maskingValues());
        }
        return values;
    }

    private static String password(Login login) {
        return login == null || login.password == null ? null : login.password.getPlainText();
    }

    @Override
    public String toString() {
        return "AgentSecrets[vcenter=" + shown(vcenter) + ", rhel=" + shown(rhel) + ", registry=" + shown(registry)
                + ", publish targets=" + targets.size() + "]";
    }

    private static String shown(Login login) {
        return login == null ? "none" : "<redacted>";
    }

    /** One user name and password as the credentials hold them. */
    private static final class Login implements Serializable {

        private static final long serialVersionUID = 1L;

        private final String user;
        private final Secret password;
        private final boolean userSecret;

        Login(String user, Secret password, boolean userSecret) {
            this.user = user;
            this.password = password;
            this.userSecret = userSecret;
        }

        @Override
        public String toString() {
            return "<redacted>";
        }
    }
}
