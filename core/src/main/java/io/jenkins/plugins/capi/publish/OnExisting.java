package io.jenkins.plugins.capi.publish;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What to do when a template of the target name is already in the target folder. */
public enum OnExisting {
    /** Stop: found by the pre-flight check, before anything is built or uploaded. */
    FAIL,
    /**
     * Publish under a temporary name, then swap names with the old template and delete it: a usable template is
     * there throughout.
     */
    REPLACE,
    /** Leave the existing template as it is and report it. */
    SKIP;

    /** Case-insensitive; the message of a bad value lists the good ones. */
    public static OnExisting parse(String value) {
        for (OnExisting o : values()) {
            if (o.name().equalsIgnoreCase(value == null ? "" : value.strip())) {
                return o;
            }
        }
        throw new IllegalArgumentException("'" + value + "' is not one of " + Arrays.stream(values())
                .map(o -> o.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
