package io.jenkins.plugins.capi.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class FailureClassifierTest {

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "==> vsphere: Timeout waiting for IP.|ip-timeout",
        "Build 'vsphere' errored after 30 minutes: timeout waiting for IP address|ip-timeout",
        "Build 'vsphere' errored after 1 second: error creating vsphere driver: ServerFaultCode: Cannot complete login due to an incorrect user name or password.|vcenter-login",
        "==> vsphere: error creating vm: x509: certificate signed by unknown authority|vcenter-tls",
        "==> vsphere: ServerFaultCode: Permission to perform this operation was denied.|vcenter-permission",
        "Build 'vsphere' errored after 2 seconds: Error finding network: path 'VM Network' resolves to multiple networks|vcenter-inventory",
        "Build 'vsphere' errored after 3 seconds: error finding datastore: datastore 'ds9' not found|vcenter-inventory",
        "Build 'vsphere' errored after 1 second: VM rocky-8 already exists, you can use -force flag to destroy it|vm-name-collision",
        "==> vsphere: Checksums did not match for /home/imagebuilder/.cache/packer/x.iso.|iso-checksum",
        "    vsphere: fatal: [default]: FAILED! => {\"msg\": \"The checksum format is invalid\"}|ansible-task",
        "* Post-processor failed: Script exited with non-zero exit status: 1.Allowed exit codes are: [0]|ova-post-processor",
        "    vsphere: Goss validate failed|goss-validation",
        "==> vsphere: Timeout waiting for SSH.|ssh-timeout",
        "==> vsphere: Serving HTTP requests at http://172.17.0.2:8321/.|http-server-container-ip",
        "OSError: [Errno 28] No space left on device|local-disk-space",
        "mkdir /home/imagebuilder/output/rocky-8: permission denied|output-not-writable",
        "Build 'vsphere' errored after 4 minutes: something nobody has seen|build-errored"})
    void recognisesTheDocumentedFailureTexts(String line, String category) {
        FailureHint h = FailureClassifier.classify(List.of("==> vsphere: Creating virtual machine...", line,
                "==> Builds finished but no artifacts were created."), 2).orElseThrow();
        assertThat(h.category()).isEqualTo(category);
        assertThat(h.evidence()).isEqualTo(line.strip());
        assertThat(FailureClassifier.paragraph(h)).contains(h.summary(), h.hint());
    }

    @Test
    void anAnsibleFailureNamesTheTask() {
        FailureHint h = FailureClassifier.classify(List.of(
                "    vsphere: TASK [containerd : download containerd] ***",
                "    vsphere: fatal: [default]: FAILED! => {\"msg\": \"x\"}",
                "Build 'vsphere' errored after 9 minutes: Error executing Ansible: Non-zero exit status: exit status 2"), 2)
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
