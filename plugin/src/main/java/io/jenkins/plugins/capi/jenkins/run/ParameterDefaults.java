package io.jenkins.plugins.capi.jenkins.run;

import io.jenkins.plugins.capi.Defaults;
import io.jenkins.plugins.capi.config.CompatibilityMode;

/** Defaults of the step parameters, shared by the step, the builder, their forms and help. */
public final class ParameterDefaults {

    public static final String CONFIG = "imageconfig";
    public static final String OUTPUT_DIR = "capi-output";
    public static final ArchiveMode ARCHIVE = ArchiveMode.METADATA;
    public static final CompatibilityMode COMPATIBILITY = CompatibilityMode.WARN;
    public static final boolean PREFLIGHT = true;
    /** Core's default grace period for SIGTERM before the container is killed. */
    public static final int STOP_GRACE_SECONDS = (int) Defaults.STOP_GRACE.toSeconds();
    /** Core's default time limit of a build. */
    public static final int TIMEOUT_MINUTES = (int) Defaults.TIMEOUT.toMinutes();

    private ParameterDefaults() {}
}
