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
}
