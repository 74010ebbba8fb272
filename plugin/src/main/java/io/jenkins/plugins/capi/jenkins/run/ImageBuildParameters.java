package io.jenkins.plugins.capi.jenkins.run;

import io.jenkins.plugins.capi.config.CompatibilityMode;
import io.jenkins.plugins.capi.jenkins.airgap.Airgap;
import io.jenkins.plugins.capi.jenkins.customize.StaticAddress;
import io.jenkins.plugins.capi.jenkins.publish.Publishing;
import java.util.List;

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

    /** After a build that did not succeed, power off and delete the VM it left in vCenter. */
    boolean isRemoveBuildVm();

    /** The {@code publish} block, or null to publish nothing. */
    Publishing getPublish();

    /** The {@code airgap} block, or null for a connected build. */
    Airgap getAirgap();

    /** The {@code staticIp} block, or null for DHCP. */
    StaticAddress getStaticIp();

    /** The pre-provisioning scripts as written: the Pipeline list, or the freestyle lines one by one. */
    List<String> preScriptPatterns();

    List<String> postScriptPatterns();

    String getKickstart();

    /** {@code auto}, {@code on} or {@code off}. */
    String getRhsmWorkaround();
}
