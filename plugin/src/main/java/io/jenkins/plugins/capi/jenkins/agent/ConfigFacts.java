package io.jenkins.plugins.capi.jenkins.agent;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
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
    private final ArrayList<String> secretKeysInFile;
    // Values only for the controller's masker; never logged, stored or put in toString().
    private final ArrayList<String> secretValuesInFile;

    public ConfigFacts(
            String path,
            boolean exists,
            String vcenterServer,
            List<String> secretKeysInFile,
            List<String> secretValuesInFile) {
        this.path = path;
        this.exists = exists;
        this.vcenterServer = vcenterServer;
        // ArrayList: the JDK's immutable collections are not on Jenkins' JEP-200 class allow-list.
        this.secretKeysInFile = new ArrayList<>(secretKeysInFile);
        this.secretValuesInFile = new ArrayList<>(secretValuesInFile);
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
        return Collections.unmodifiableList(secretKeysInFile);
    }

    public List<String> secretValuesInFile() {
        return Collections.unmodifiableList(secretValuesInFile);
    }

    @Override
    public String toString() {
        return "ConfigFacts[" + path + ", exists=" + exists + ", vcenterServer=" + vcenterServer + ", secretKeysInFile="
                + secretKeysInFile + "]";
    }
}
