package io.jenkins.plugins.capi.container;

/** What to do with an {@code <image_name>/} folder left in the output folder by an earlier run. */
public enum StalePolicy {
    /** Rename it to {@code <image_name>.stale-<UTC timestamp>} and go on. */
    MOVE_ASIDE,
    /** Stop with an error that names the folder. */
    REFUSE
}
