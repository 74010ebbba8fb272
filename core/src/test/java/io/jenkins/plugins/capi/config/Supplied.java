package io.jenkins.plugins.capi.config;

import java.util.EnumSet;
import java.util.Set;

/** The credential keys a test says are supplied from outside the file. */
public final class Supplied {

    private Supplied() {}

    public static Set<ConfigKey> keys(boolean vcenter, boolean rhel) {
        Set<ConfigKey> keys = EnumSet.noneOf(ConfigKey.class);
        if (vcenter) {
            keys.add(ConfigKey.VCENTER_USER);
            keys.add(ConfigKey.VCENTER_PASSWORD);
        }
        if (rhel) {
            keys.add(ConfigKey.RHEL_SUBSCRIPTION_USER);
            keys.add(ConfigKey.RHEL_SUBSCRIPTION_PASS);
        }
        return keys;
    }
}
