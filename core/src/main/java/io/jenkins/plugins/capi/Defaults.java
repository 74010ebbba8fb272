package io.jenkins.plugins.capi;

import java.time.Duration;

/** The defaults every front end shows and every part of core applies, written once. */
public final class Defaults {

    /** The vendor builder this tool was tested against. */
    public static final String BUILDER_IMAGE =
            "us-docker.pkg.dev/palette-images/palette/imagebuilder/capi-builder:v4.6.24";

    /** A vSphere ISO build takes 30-60 minutes; three hours leaves room for slow ISO uploads. */
    public static final Duration TIMEOUT = Duration.ofHours(3);

    /** How long Packer gets after SIGTERM to power off and destroy its build VM before it is killed. */
    public static final Duration STOP_GRACE = Duration.ofMinutes(5);

    /** Builder silence after which a "still running" line is reported. */
    public static final Duration HEARTBEAT = Duration.ofMinutes(2);

    private Defaults() {}
}
