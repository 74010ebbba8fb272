package io.jenkins.plugins.capi.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PhaseDetectorTest {

    static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");

    static final List<String> LEGACY = List.of(
            "hack/ensure-packer.sh",
            "==> vsphere-iso.vsphere: Uploading Rocky-8.iso to packer_cache/Rocky-8.iso",
            "==> vsphere-iso.vsphere: Creating VM...",
            "==> vsphere-iso.vsphere: Customizing hardware...",
            "==> vsphere-iso.vsphere: Set boot order temporary...",
            "==> vsphere-iso.vsphere: Power on VM...",
            "==> vsphere-iso.vsphere: Waiting for IP...",
            "==> vsphere-iso.vsphere: IP address: 10.0.0.7",
            "==> vsphere-iso.vsphere: Waiting for SSH to become available...",
            "==> vsphere-iso.vsphere: Connected to SSH!",
            "==> vsphere-iso.vsphere: Provisioning with Ansible...",
            "    vsphere-iso.vsphere: TASK [setup : perform a dist-upgrade] ***",
            "    vsphere-iso.vsphere: TASK [containerd : download containerd] ***",
            "    vsphere-iso.vsphere: TASK [containerd : unpack containerd] ***",
            "==> vsphere-iso.vsphere: Provisioning with Goss",
            "==> vsphere-iso.vsphere: Executing shutdown command...",
            "==> vsphere-iso.vsphere: Convert VM into template...",
            "    vsphere-iso.vsphere: Starting export...",
            "==> vsphere-iso.vsphere: Running post-processor: packer-manifest (type manifest)",
            "==> vsphere-iso.vsphere (shell-local): Running local shell script: /tmp/packer-shell1",
            "Build 'vsphere-iso.vsphere' finished after 17 minutes 24 seconds.");

    static final List<String> NEWER = List.of(
            "packer init packer/config.pkr.hcl",
            "==> vsphere-iso.vsphere: Uploading Rocky-8.iso to [LocalDS_0] packer_cache...",
            "==> vsphere-iso.vsphere: Creating virtual machine...",
            "==> vsphere-iso.vsphere: Setting temporary boot order...",
            "==> vsphere-iso.vsphere: Powering on virtual machine...",
            "==> vsphere-iso.vsphere: Waiting for IP...",
            "==> vsphere-iso.vsphere: Using SSH communicator to connect: 10.0.0.7",
            "==> vsphere-iso.vsphere: Provisioning with Ansible...",
            "    vsphere-iso.vsphere: TASK [setup : perform a dist-upgrade] ***",
            "==> vsphere-iso.vsphere: Running goss tests...",
            "==> vsphere-iso.vsphere: Running shutdown command...",
            "==> vsphere-iso.vsphere: Converting virtual machine to template...",
            "==> vsphere-iso.vsphere: Exporting to Open Virtualization Format (OVF)...",
            "==> vsphere-iso.vsphere: Running post-processor: packer-manifest (type manifest)",
            "==> vsphere-iso.vsphere: Running post-processor: vsphere (type shell-local)",
            "Build 'vsphere-iso.vsphere' finished after 20 minutes.");

    static final List<Phase> EXPECTED = List.of(Phase.DEPENDENCIES, Phase.ISO_UPLOAD, Phase.CREATE_VM, Phase.BOOT,
            Phase.OS_INSTALL, Phase.SSH, Phase.PROVISIONING, Phase.VALIDATION, Phase.SHUTDOWN, Phase.TEMPLATE,
            Phase.EXPORT, Phase.MANIFEST, Phase.OVA, Phase.FINISHED);

    @Test
    void legacyWordingWalksThroughEveryPhase() {
        assertThat(phasesOf(LEGACY)).containsExactlyElementsOf(EXPECTED);
    }

    @Test
    void newerWordingWalksThroughEveryPhase() {
        assertThat(phasesOf(NEWER)).containsExactlyElementsOf(EXPECTED);
    }

    @Test
    void timestampPrefixesAndLaterMentionsOfEarlierStepsDoNotConfuseIt() {
        PhaseDetector d = new PhaseDetector(T0);
        d.accept("2026-11-28T10:00:01Z: ==> vsphere-iso.vsphere: Waiting for IP...", T0);
        d.accept("==> vsphere-iso.vsphere: Creating VM...", T0);
        assertThat(d.phase()).isEqualTo(Phase.OS_INSTALL);
    }

    @Test
    void reportsAnsibleRolesAndTaskCount() {
        PhaseDetector d = new PhaseDetector(T0);
        List<ProgressEvent> events = new ArrayList<>();
        for (String l : LEGACY) {
            d.accept(l, T0.plusSeconds(60)).ifPresent(events::add);
        }
        assertThat(events).anyMatch(e -> "containerd".equals(e.role()) && e.tasksSeen() == 2
                && e.message().equals("provisioning with Ansible: containerd (task 2)"));
        assertThat(d.tasksSeen()).isEqualTo(3);
        assertThat(d.lastTask()).isEqualTo("unpack containerd");
    }

    @Test
    void heartbeatNamesThePhaseAndHowLongItWaited() {
        PhaseDetector d = new PhaseDetector(T0);
        d.accept("==> vsphere-iso.vsphere: Waiting for IP...", T0.plusSeconds(60));
        assertThat(d.heartbeat(T0.plusSeconds(120), Duration.ofMinutes(5))).isEmpty();
        ProgressEvent hb = d.heartbeat(T0.plusSeconds(60 + 12 * 60), Duration.ofMinutes(5)).orElseThrow();
        assertThat(hb.heartbeat()).isTrue();
        assertThat(hb.message()).isEqualTo("still waiting for IP for 12 min (no log output for 12 min)");
        assertThat(d.heartbeat(T0.plusSeconds(60 + 13 * 60), Duration.ofMinutes(5))).as("one per interval").isEmpty();
    }

    @Test
    void phaseTimingsFollowTheOrderEntered() {
        PhaseDetector d = new PhaseDetector(T0);
        d.accept("==> vsphere-iso.vsphere: Creating VM...", T0.plusSeconds(10));
        d.accept("==> vsphere-iso.vsphere: Waiting for IP...", T0.plusSeconds(30));
        d.accept("Build 'vsphere-iso.vsphere' errored after 5 minutes: Timeout waiting for IP.", T0.plusSeconds(330));
        assertThat(d.phaseTimings(T0.plusSeconds(400))).containsExactly(
                java.util.Map.entry(Phase.STARTING, Duration.ofSeconds(10)),
                java.util.Map.entry(Phase.CREATE_VM, Duration.ofSeconds(20)),
                java.util.Map.entry(Phase.OS_INSTALL, Duration.ofSeconds(300)),
                java.util.Map.entry(Phase.FAILED, Duration.ZERO));
    }

    /** The phases a detector enters reading {@code lines}, each once per stay. */
    static List<Phase> phasesOf(List<String> lines) {
        PhaseDetector d = new PhaseDetector(T0);
        List<Phase> seen = new ArrayList<>();
        for (String l : lines) {
            d.accept(l, T0).ifPresent(e -> {
                if (seen.isEmpty() || seen.get(seen.size() - 1) != e.phase()) {
                    seen.add(e.phase());
                }
            });
        }
        return seen;
    }
}
