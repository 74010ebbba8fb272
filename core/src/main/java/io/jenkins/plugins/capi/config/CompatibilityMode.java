package io.jenkins.plugins.capi.config;

/** How versions outside the compatibility matrix are treated. */
public enum CompatibilityMode {
    /** Report a warning (default). */
    WARN,
    /** Report an error. */
    STRICT,
    /** Do not check. */
    OFF
}
