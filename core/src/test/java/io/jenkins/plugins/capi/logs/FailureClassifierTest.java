package io.jenkins.plugins.capi.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class FailureClassifierTest {

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "==> vsphere-iso.vsphere: Timeout waiting for IP.|ip-timeout",
        "Build 'vsphere-iso.vsphere' errored after 30 minutes: timeout waiting for IP address|ip-timeout",
        "Build 'vsphere-iso.vsphere' errored after 1 second: error creating vsphere driver: ServerFaultCode: Cannot complete login due to an incorrect user name or password.|vcenter-login",
        "==> vsphere-iso.vsphere: error creating vm: x509: certificate signed by unknown authority|vcenter-tls",
        "==> vsphere-iso.vsphere: ServerFaultCode: Permission to perform this operation was denied.|vcenter-permission",
        "Build 'vsphere-iso.vsphere' errored after 2 seconds: Error finding network: path 'VM Network' resolves to multiple networks|vcenter-inventory",
        "Build 'vsphere-iso.vsphere' errored after 3 seconds: error finding datastore: datastore 'ds9' not found|vcenter-inventory",
        "Build 'vsphere-iso.vsphere' errored after 1 second: VM rocky-8 already exists, you can use -force flag to destroy it|vm-name-collision",
        "==> vsphere-iso.vsphere: Checksums did not match for /home/imagebuilder/.cache/packer/x.iso.|iso-checksum",
        "    vsphere-iso.vsphere: fatal: [default]: FAILED! => {\"msg\": \"The checksum format is invalid\"}|ansible-task",
        "* Post-processor failed: Script exited with non-zero exit status: 1.Allowed exit codes are: [0]|ova-post-processor",
        "    vsphere-iso.vsphere: Goss validate failed|goss-validation",
        "==> vsphere-iso.vsphere: Timeout waiting for SSH.|ssh-timeout",
        "==> vsphere-iso.vsphere: Serving HTTP requests at http://172.17.0.2:8321/.|http-server-container-ip",
        "OSError: [Errno 28] No space left on device|local-disk-space",
        "mkdir /home/imagebuilder/output/rocky-8: permission denied|output-not-writable",
        "Build 'vsphere-iso.vsphere' errored after 4 minutes: something nobody has seen|build-errored"})
    void recognisesTheDocumentedFailureTexts(String line, String category) {
        FailureHint h = FailureClassifier.classify(List.of("==> vsphere-iso.vsphere: Creating virtual machine...", line,
                "==> Builds finished but no artifacts were created."), 2).orElseThrow();
        assertThat(h.category()).isEqualTo(category);
        assertThat(h.evidence()).isEqualTo(line.strip());
        assertThat(FailureClassifier.paragraph(h)).contains(h.summary(), h.hint());
    }

    @Test
    void anSshTimeoutAlsoNamesWrongCredentials() {
        FailureHint h = FailureClassifier.classify(List.of("==> vsphere-iso.vsphere: Waiting for SSH to become available...",
                "==> vsphere-iso.vsphere: Timeout waiting for SSH."), 2).orElseThrow();
        assertThat(h.category()).isEqualTo("ssh-timeout");
        assertThat(h.hint()).contains("credentials", "ks.cfg", "vcenter_template");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"'vcenter_server' is required, vcenter_server", "'username' is required, vcenter_user",
        "'password' is required, vcenter_password"})
    void aMissingSettingNamesTheImageconfigKey(String item, String key) {
        FailureHint h = FailureClassifier.classify(List.of("Error: Failed to prepare build: \"vsphere-clone\"", "",
                "1 error(s) occurred:", "", "* " + item), 1).orElseThrow();
        assertThat(h.category()).isEqualTo("vcenter-setting-missing");
        assertThat(h.summary()).isEqualTo("The builder got no " + key + ".");
        assertThat(h.hint()).startsWith("Set " + key + " in the imageconfig");
    }

    @Test
    void anAnsibleFailureNamesTheTask() {
        FailureHint h = FailureClassifier.classify(List.of(
                "    vsphere-iso.vsphere: TASK [containerd : download containerd] ***",
                "    vsphere-iso.vsphere: fatal: [default]: FAILED! => {\"msg\": \"x\"}",
                "Build 'vsphere-iso.vsphere' errored after 9 minutes: Error executing Ansible: Non-zero exit status: exit status 2"), 2)
                .orElseThrow();
        assertThat(h.summary()).isEqualTo("Ansible task [containerd : download containerd] failed while provisioning the VM.");
    }

    @Test
    void anUnknownNonZeroExitStillGetsAParagraph() {
        FailureHint h = FailureClassifier.classify(List.of("something", "went wrong"), 3).orElseThrow();
        assertThat(h.category()).isEqualTo("unknown");
        assertThat(h.summary()).contains("code 3");
        assertThat(FailureClassifier.classify(List.of("fine"), 0)).isEmpty();
    }
}
