package io.jenkins.plugins.capi.jenkins.agent;

import java.io.Serializable;
import java.util.List;

/**
 * What the controller needs to know from the imageconfig before the build: where vCenter is (for the credentials
 * domain) and which secrets the file itself carries (to warn, and to mask them too).
 */
public final class ConfigFacts implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String path;
    private final boolean exists;
    private final String vcenterServer;
    private final List<String> secretKeysInFile;
    // Values only for the controller's masker; never logged, stored or put in toString().
    private final List<String> secretValuesInFile;

    public ConfigFacts(String path, boolean exists, String vcenterServer, List<String> secretKeysInFile,
                       List<String> secretValuesInFile) {
        this.path = path;
        this.exists = exists;
        this.vcenterServer = vcenterServer;
        this.secretKeysInFile = List.copyOf(secretKeysInFile);
        this.secretValuesInFile = List.copyOf(secretValuesInFile);
    }

    /** The absolute path on the agent. */
    public String path() {
        return path;
    }

    public boolean exists() {
        return exists;
    }

    /** {@code vcenter_server} after overrides, or null when unset. */
    public String vcenterServer() {
        return vcenterServer;
    }

    public List<String> secretKeysInFile() {
        return secretKeysInFile;
    }

    public List<String> secretValuesInFile() {
        return secretValuesInFile;
    }

    @Override
    public String toString() {
        return "ConfigFacts[" + path + ", exists=" + exists + ", vcenterServer=" + vcenterServer
                + ", secretKeysInFile=" + secretKeysInFile + "]";
    }
}
