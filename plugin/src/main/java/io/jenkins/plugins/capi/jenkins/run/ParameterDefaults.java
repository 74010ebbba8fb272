package io.jenkins.plugins.capi.jenkins.run;

import io.jenkins.plugins.capi.Defaults;
import io.jenkins.plugins.capi.config.CompatibilityMode;
import io.jenkins.plugins.capi.customize.RhsmWorkaround;
import java.util.Locale;

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

    /** The RHSM workaround where the vendor documents it, as the form and scripts write it. */
    public static final String RHSM_WORKAROUND = rhsmWorkaround(null);

    private ParameterDefaults() {}

    /**
     * {@code auto}, {@code on} or {@code off} as core reads {@code value} (any case; blank is {@code auto}).
     *
     * @throws IllegalArgumentException with core's message naming the good values
     */
    public static String rhsmWorkaround(String value) {
        return RhsmWorkaround.Mode.parse(value).name().toLowerCase(Locale.ROOT);
    }
}
