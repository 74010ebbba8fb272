package io.jenkins.plugins.capi.jenkins.run;

import io.jenkins.plugins.capi.config.CompatibilityMode;

/**
 * The parameter set the Pipeline step and the freestyle builder share. Values are as configured: blank or zero
 * means "use the default", which {@link BuildSettings#resolve} fills in.
 */
public interface ImageBuildParameters {

    String getConfig();

    String getCredentialsId();

    String getRhelCredentialsId();

    String getRegistryCredentialsId();

    /** The overrides as the user wrote them (Pipeline map or freestyle lines). */
    OverrideInput overrideInput();

    String getBuilderImage();

    String getOutputDir();

    String getIsoPath();

    String getDockerHost();

    int getTimeoutMinutes();

    int getStopGraceSeconds();

    ArchiveMode getArchive();

    CompatibilityMode getCompatibility();

    boolean isPreflight();

    String getVcenterServer();

    String getVcenterCaFile();

    boolean isVcenterInsecure();
}
