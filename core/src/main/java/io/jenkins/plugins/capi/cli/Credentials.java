package io.jenkins.plugins.capi.cli;

import io.jenkins.plugins.capi.secrets.BuildSecrets;
import java.util.Map;

/** Credentials the command line takes from the environment, so they never appear in a process list or a file. */
final class Credentials {

    static final String VCENTER_USER = "VCENTER_USER";
    static final String VCENTER_PASSWORD = "VCENTER_PASSWORD";
    static final String RHEL_USER = "RHEL_USER";
    static final String RHEL_PASSWORD = "RHEL_PASSWORD";

    private Credentials() {}

    static BuildSecrets fromEnvironment(Map<String, String> env) {
        return new BuildSecrets(env.get(VCENTER_USER), env.get(VCENTER_PASSWORD), env.get(RHEL_USER),
                env.get(RHEL_PASSWORD), null, null);
    }

    static boolean vcenterSupplied(Map<String, String> env) {
        return isSet(env, VCENTER_USER) && isSet(env, VCENTER_PASSWORD);
    }

    static boolean rhelSupplied(Map<String, String> env) {
        return isSet(env, RHEL_USER) && isSet(env, RHEL_PASSWORD);
    }

    private static boolean isSet(Map<String, String> env, String name) {
        String v = env.get(name);
        return v != null && !v.isEmpty();
    }
}
