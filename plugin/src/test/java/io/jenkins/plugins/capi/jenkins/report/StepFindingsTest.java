package io.jenkins.plugins.capi.jenkins.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jenkins.plugins.capi.config.ConfigKey;
import io.jenkins.plugins.capi.config.Finding;
import io.jenkins.plugins.capi.config.Setting;
import io.jenkins.plugins.capi.config.SourceLocation;
import org.junit.jupiter.api.Test;

/** Core names settings; the console shows the step parameter that sets them. */
class StepFindingsTest {

    @Test
    void aFindingAboutTheFileGetsTheParameterInItsHint() {
        Finding f = Finding.error(
                        ConfigKey.VCENTER_PASSWORD,
                        new SourceLocation("imageconfig", 12, 1),
                        "vcenter_password is not set",
                        "supply the vCenter user and password as credentials, or set it in the file")
                .about(Setting.VCENTER_CREDENTIALS);
        assertEquals(
                "imageconfig:12:1: error: vcenter_password is not set (hint: supply the vCenter user and password as"
                        + " credentials, or set it in the file; in the step: credentialsId)",
                StepFindings.format(f));
    }

    @Test
    void aFindingAboutASettingIsShownAtItsParameter() {
        Finding f = Finding.error(
                        SourceLocation.of(Setting.DOCKER_HOST.label()),
                        "the Docker host scheme ssh:// is not supported",
                        null)
                .about(Setting.DOCKER_HOST);
        assertEquals("dockerHost: error: the Docker host scheme ssh:// is not supported", StepFindings.format(f));
    }

    @Test
    void settingsTheStepDoesNotOfferKeepCoresWords() {
        Finding f = Finding.warning(SourceLocation.of("imageconfig"), "no room", null)
                .about(Setting.DATASTORE_FREE_SPACE);
        assertEquals(f.format(), StepFindings.format(f));
    }

    /** Core's customisation findings name their setting; the console names the parameter that sets it. */
    @Test
    void customisationSettingsAreShownAtTheirParameters() {
        assertEquals("preScripts", StepFindings.parameter(Setting.PRE_SCRIPTS));
        assertEquals("postScripts", StepFindings.parameter(Setting.POST_SCRIPTS));
        assertEquals("staticIp.ip", StepFindings.parameter(Setting.STATIC_IP));
        assertEquals("staticIp.netmask", StepFindings.parameter(Setting.NETMASK));
        assertEquals("staticIp.gateway", StepFindings.parameter(Setting.GATEWAY));
        assertEquals("staticIp.nameservers", StepFindings.parameter(Setting.NAMESERVERS));
        assertEquals("staticIp.hostname", StepFindings.parameter(Setting.HOSTNAME));
        assertEquals("kickstart", StepFindings.parameter(Setting.KICKSTART));
        assertEquals("rhsmWorkaround", StepFindings.parameter(Setting.RHSM_WORKAROUND));
        Finding f = Finding.error(
                        SourceLocation.of(Setting.GATEWAY.label()),
                        "the gateway '10.0.1.1' is outside the VM's subnet 10.0.0.0/24",
                        "use the gateway of 10.0.0.0/24")
                .about(Setting.GATEWAY);
        assertEquals(
                "staticIp.gateway: error: the gateway '10.0.1.1' is outside the VM's subnet 10.0.0.0/24 (hint: use the"
                        + " gateway of 10.0.0.0/24)",
                StepFindings.format(f));
    }

    /** A publish target's own credentials and trust are its parameters, not the step's. */
    @Test
    void aFindingAtAPublishTargetNamesThatTargetsParameters() {
        String target = StepFindings.targetLabel(2, "dr.example.com");
        Finding login = Finding.error(
                        ConfigKey.VCENTER_PASSWORD,
                        SourceLocation.of(target),
                        "no vCenter password for this target",
                        null)
                .about(Setting.VCENTER_CREDENTIALS);
        assertEquals(
                "publish target 2 (dr.example.com): error: no vCenter password for this target (hint: in the step:"
                        + " credentialsId of publish target 2)",
                StepFindings.format(login));
        Finding trust = Finding.error(
                        ConfigKey.VCENTER_SERVER, SourceLocation.of(target), "the certificate is not trusted", null)
                .about(Setting.VCENTER_TRUST);
        assertEquals(
                "publish target 2 (dr.example.com): error: the certificate is not trusted (hint: in the step: caFile"
                        + " or insecure of publish target 2)",
                StepFindings.format(trust));
        Finding imageconfigs = Finding.error(
                        ConfigKey.VCENTER_PASSWORD,
                        new SourceLocation("imageconfig", 3, 1),
                        "no vCenter password",
                        null)
                .about(Setting.VCENTER_CREDENTIALS);
        assertEquals(
                "imageconfig:3:1: error: no vCenter password (hint: in the step: credentialsId)",
                StepFindings.format(imageconfigs));
    }
}
