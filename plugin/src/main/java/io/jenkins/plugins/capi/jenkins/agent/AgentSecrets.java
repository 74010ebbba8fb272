package io.jenkins.plugins.capi.jenkins.agent;

import hudson.util.Secret;
import io.jenkins.plugins.capi.secrets.BuildSecrets;
import io.jenkins.plugins.capi.secrets.Credential;
import java.io.Serializable;
import java.util.List;

/**
 * The credential values one build sends to its agent, inside the build callable only. Never stored in a step, a
 * builder, an action or the Pipeline program; passwords stay {@link Secret}s until core needs them as text.
 * {@link #toString()} names no user and no password: remoting prints callables and their fields in diagnostics.
 */
public final class AgentSecrets implements Serializable {

    private static final long serialVersionUID = 2L;

    public static final AgentSecrets NONE = new AgentSecrets(null, null, null);

    private final Login vcenter;
    private final Login rhel;
    private final Login registry;

    private AgentSecrets(Login vcenter, Login rhel, Login registry) {
        this.vcenter = vcenter;
        this.rhel = rhel;
        this.registry = registry;
    }

    /** @param userSecret whether the credentials mark the user name as secret (then it is masked too) */
    public AgentSecrets withVcenter(String user, Secret password, boolean userSecret) {
        return new AgentSecrets(new Login(user, password, userSecret), rhel, registry);
    }

    public AgentSecrets withRhel(String user, Secret password, boolean userSecret) {
        return new AgentSecrets(vcenter, new Login(user, password, userSecret), registry);
    }

    public AgentSecrets withRegistry(String user, Secret password, boolean userSecret) {
        return new AgentSecrets(vcenter, rhel, new Login(user, password, userSecret));
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

    /** Every password, and the user names marked secret: core's masking values of these credentials. */
    public List<String> maskingValues() {
        return toBuildSecrets().maskingValues();
    }

    private static String password(Login login) {
        return login == null || login.password == null ? null : login.password.getPlainText();
    }

    @Override
    public String toString() {
        return "AgentSecrets[vcenter=" + shown(vcenter) + ", rhel=" + shown(rhel) + ", registry=" + shown(registry)
                + "]";
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
