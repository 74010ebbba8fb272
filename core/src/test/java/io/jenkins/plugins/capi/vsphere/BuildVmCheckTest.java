package io.jenkins.plugins.capi.vsphere;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.capi.config.ImageConfig;
import io.jenkins.plugins.capi.testing.Vcsim;
import io.jenkins.plugins.capi.vsphere.BuildVmReport.Disposition;
import io.jenkins.plugins.capi.vsphere.BuildVmReport.Vm;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The check for a build VM left in vCenter after a failed build, against vcsim with VMs made during the "run". */
@ExtendWith(Vcsim.Available.class)
class BuildVmCheckTest {

    private static final VsphereTimeouts TIMEOUTS = new VsphereTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10));
    private static final String NAME = "rhel-8-kube-v1.30.4";

    private static ImageConfig config(Vcsim sim, String folder) {
        return ImageConfig.of("imageconfig", Map.of("vcenter_server", sim.server(), "vcenter_datacenter", "DC0",
                "vcenter_folder", folder, "image_name", NAME));
    }

    private static VsphereTls tls(Vcsim sim) {
        return new VsphereTls(sim.caFile(), false);
    }

    private static VimClient admin(Vcsim sim) throws VsphereException {
        VimClient c = VimClient.connect(sim.server(), tls(sim), TIMEOUTS);
        c.login(Vcsim.USER, Vcsim.PASSWORD);
        return c;
    }

    private static Instant startOfRun() throws InterruptedException {
        Thread.sleep(50); // objects the simulator made at start-up are strictly older
        Instant start = Instant.now();
        Thread.sleep(50);
        return start;
    }

    @Test
    void aPoweredOnVmLeftBehindIsReportedWithItsPathAndPowerStateAndNothingIsChanged() throws Exception {
        try (Vcsim sim = Vcsim.start("-folder", "Templates"); VimClient admin = admin(sim)) {
            Instant start = startOfRun();
            MoRef vm = SimulatorVms.create(admin, "/DC0/vm/Templates", NAME, true);

            BuildVmReport report = BuildVmCheck.find(config(sim, "Templates"), NAME, start, Vcsim.USER,
                    Vcsim.PASSWORD, tls(sim), TIMEOUTS);

            assertThat(report.vms()).singleElement().satisfies(v -> {
                assertThat(v.managedObjectId()).isEqualTo(vm.value());
                assertThat(v.inventoryPath()).isEqualTo("/DC0/vm/Templates/" + NAME);
                assertThat(v.powerState()).isEqualTo("poweredOn");
                assertThat(v.disposition()).isEqualTo(Disposition.LEFT_BEHIND);
            });
            assertThat(report.remaining()).hasSize(1);
            assertThat(report.lines()).singleElement().asString()
                    .contains("/DC0/vm/Templates/" + NAME, "poweredOn", "left", "behind");
            assertThat(admin.findByInventoryPath("/DC0/vm/Templates/" + NAME)).contains(vm);
            assertThat(VirtualMachine.of(admin, vm).state().powerState()).isEqualTo("poweredOn");
        }
    }

    @Test
    void cleanUpPowersOffAndDeletesOnlyWhatTheRunMadeAndKeepsAnOlderVmOfTheSameName() throws Exception {
        // With an empty vcenter_folder the builder's name is searched in the whole datacenter: the older VM of
        // the same name in another folder is found too, and must survive.
        try (Vcsim sim = Vcsim.start("-vm", "Older/" + NAME, "-folder", "Builds"); VimClient admin = admin(sim)) {
            MoRef older = admin.findByInventoryPath("/DC0/vm/Older/" + NAME).orElseThrow();
            Instant start = startOfRun();
            MoRef on = SimulatorVms.create(admin, "/DC0/vm/Builds", NAME, true);
            SimulatorVms.folder(admin, "/DC0/vm", "Other");
            MoRef off = SimulatorVms.create(admin, "/DC0/vm/Other", NAME, false);

            BuildVmReport report = BuildVmCheck.cleanUp(config(sim, ""), NAME, start, Vcsim.USER, Vcsim.PASSWORD,
                    tls(sim), TIMEOUTS);

            assertThat(report.vms()).extracting(Vm::managedObjectId, Vm::powerState, Vm::disposition)
                    .containsExactlyInAnyOrder(
                            org.assertj.core.groups.Tuple.tuple(older.value(), "poweredOff", Disposition.CREATED_BEFORE_RUN),
                            org.assertj.core.groups.Tuple.tuple(on.value(), "poweredOn", Disposition.DESTROYED),
                            org.assertj.core.groups.Tuple.tuple(off.value(), "poweredOff", Disposition.DESTROYED));
            assertThat(report.remaining()).isEmpty();
            assertThat(admin.findByInventoryPath("/DC0/vm/Builds/" + NAME)).isEmpty();
            assertThat(admin.findByInventoryPath("/DC0/vm/Other/" + NAME)).isEmpty();
            assertThat(admin.findByInventoryPath("/DC0/vm/Older/" + NAME)).contains(older);
            assertThat(String.join("\n", report.lines())).contains("powered off and deleted", "older than this run")
                    .doesNotContain(Vcsim.PASSWORD);
        }
    }

    @Test
    void aTemplateMadeDuringTheRunIsKeptAndNothingFoundIsOneLine() throws Exception {
        try (Vcsim sim = Vcsim.start("-folder", "Templates"); VimClient admin = admin(sim)) {
            Instant start = startOfRun();
            BuildVmReport none = BuildVmCheck.cleanUp(config(sim, "Templates"), NAME, start, Vcsim.USER,
                    Vcsim.PASSWORD, tls(sim), TIMEOUTS);
            assertThat(none.vms()).isEmpty();
            assertThat(none.lines()).singleElement().asString().contains("left nothing behind", "/DC0/vm/Templates");

            MoRef vm = SimulatorVms.create(admin, "/DC0/vm/Templates", NAME, false);
            VirtualMachine.of(admin, vm).markAsTemplate();
            BuildVmReport report = BuildVmCheck.cleanUp(config(sim, "Templates"), NAME, start, Vcsim.USER,
                    Vcsim.PASSWORD, tls(sim), TIMEOUTS);
            assertThat(report.vms()).singleElement().extracting(Vm::disposition).isEqualTo(Disposition.TEMPLATE_KEPT);
            assertThat(admin.findByInventoryPath("/DC0/vm/Templates/" + NAME)).contains(vm);
        }
    }

    @Test
    void aWrongPasswordFailsWithoutTheSecret() throws Exception {
        try (Vcsim sim = Vcsim.startWithPassword("another-password")) {
            assertThatThrownBy(() -> BuildVmCheck.find(config(sim, "Templates"), NAME, Instant.now(), Vcsim.USER,
                    Vcsim.PASSWORD, tls(sim), TIMEOUTS))
                    .isInstanceOfSatisfying(VsphereException.class, e -> {
                        assertThat(e.isFault("InvalidLogin")).isTrue();
                        assertThat(e.getMessage()).doesNotContain(Vcsim.PASSWORD);
                    });
        }
    }

    @Test
    void aLoginFaultThatEchoesThePasswordInAnyEncodingIsMasked() {
        String password = Vcsim.PASSWORD;
        VsphereException echoed = new VsphereException(VsphereException.Kind.FAULT, "vc", "SystemError",
                "vCenter vc: Login failed with SystemError: bad user jenkins/" + password + " ("
                        + java.net.URLEncoder.encode(password, java.nio.charset.StandardCharsets.UTF_8) + ")", null);
        VsphereException safe = SessionManager.masked(echoed, password);
        assertThat(safe.getMessage()).doesNotContain(password)
                .doesNotContain(java.net.URLEncoder.encode(password, java.nio.charset.StandardCharsets.UTF_8))
                .contains("SystemError", "****");
        assertThat(safe.faultName()).isEqualTo("SystemError");
        assertThat(List.of(SessionManager.masked(echoed, null))).containsExactly(echoed);
    }
}
