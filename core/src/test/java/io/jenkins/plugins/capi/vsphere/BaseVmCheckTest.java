package io.jenkins.plugins.capi.vsphere;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.capi.config.Finding;
import io.jenkins.plugins.capi.config.ImageConfig;
import io.jenkins.plugins.capi.config.Severity;
import io.jenkins.plugins.capi.testing.Vcsim;
import io.jenkins.plugins.capi.testing.VcsimSoap;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The base VM of a build from an existing VM, against vcsim: with and without a snapshot, and its guest OS. */
@ExtendWith(Vcsim.Available.class)
class BaseVmCheckTest {

    private static final VsphereTimeouts TIMEOUTS = new VsphereTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10));
    private static final String BASE = "/DC0/vm/Templates/rocky-8-base";

    private static ImageConfig config(Vcsim sim, String template, String os) {
        Map<String, String> v = PreflightTest.goodValues(sim);
        v.put("os_version", os);
        v.put("vcenter_template", template);
        v.put("iso_name", "");
        return ImageConfig.of("imageconfig", v);
    }

    private static List<Finding> check(Vcsim sim, ImageConfig config) {
        VsphereTls tls = new VsphereTls(sim.caFile(), false);
        PreflightReport report = Preflight.run(config, Vcsim.USER, Vcsim.PASSWORD, tls, TIMEOUTS);
        List<Finding> findings = BaseVmCheck.run(config, report, Vcsim.USER, Vcsim.PASSWORD, tls, TIMEOUTS);
        for (Finding f : findings) {
            assertThat(f.format()).doesNotContain(Vcsim.PASSWORD);
        }
        return findings;
    }

    private static List<Finding> errors(List<Finding> findings) {
        return findings.stream().filter(Finding::isError).toList();
    }

    @Test
    void aBaseVmWithoutSnapshotIsRefusedAndTakingTheHintedSnapshotFixesIt() throws Exception {
        try (Vcsim sim = Vcsim.start("-vm", "Templates/rocky-8-base")) {
            ImageConfig config = config(sim, "Templates/rocky-8-base", "rockylinux-8");
            List<Finding> before = check(sim, config);
            assertThat(errors(before)).singleElement().satisfies(f -> {
                assertThat(f.key()).isEqualTo("vcenter_template");
                assertThat(f.message()).startsWith("the base VM " + BASE + " (vm-").endsWith("has no snapshot; the clone"
                        + " build clones from one");
                assertThat(f.hint()).contains("govc snapshot.create -vm '" + BASE + "' capi-base");
            });

            VcsimSoap.login(sim).createSnapshot(BASE, "capi-base");
            List<Finding> after = check(sim, config);
            assertThat(errors(after)).isEmpty();
            assertThat(after).filteredOn(f -> f.severity() == Severity.INFO).extracting(Finding::message)
                    .anySatisfy(m -> assertThat(m).endsWith("has a snapshot; its current one is 'capi-base'"))
                    .anySatisfy(m -> assertThat(m).contains("is set up as").contains("rhel8_64Guest")
                            .endsWith("which fits rockylinux-8"));
        }
    }

    @Test
    void theCurrentSnapshotIsNamedWhenThereAreSeveral() throws Exception {
        try (Vcsim sim = Vcsim.start("-vm", "Templates/rocky-8-base")) {
            VcsimSoap soap = VcsimSoap.login(sim);
            soap.createSnapshot(BASE, "prepared");
            soap.createSnapshot(BASE, "hardened");
            assertThat(check(sim, config(sim, BASE, "rockylinux-8"))).extracting(Finding::message)
                    .anySatisfy(m -> assertThat(m).endsWith("its current one is 'hardened'"));
        }
    }

    @Test
    void aTemplateIsAcceptedAsTheBaseToo() throws Exception {
        try (Vcsim sim = Vcsim.start("-template", "Templates/rocky-8-base")) {
            VcsimSoap.login(sim).createSnapshot(BASE, "s1");
            List<Finding> f = check(sim, config(sim, BASE, "rockylinux-8"));
            assertThat(errors(f)).isEmpty();
            assertThat(f).extracting(Finding::message).anySatisfy(m -> assertThat(m).startsWith("the base template " + BASE));
        }
    }

    @Test
    void aGuestOsOfAnotherFamilyIsAnErrorAndTheHintedGuestSettingFixesIt() throws Exception {
        try (Vcsim sim = Vcsim.start("-vm", "Templates/rocky-8-base")) {
            VcsimSoap soap = VcsimSoap.login(sim);
            soap.createSnapshot(BASE, "s1");
            soap.setGuestId(BASE, "windows9Server64Guest");
            ImageConfig config = config(sim, BASE, "rockylinux-8");
            assertThat(errors(check(sim, config))).singleElement().satisfies(f -> {
                assertThat(f.key()).isEqualTo("os_version");
                assertThat(f.message()).contains("windows9Server64Guest").endsWith("not Rocky Linux 8 as os_version"
                        + " rockylinux-8 says");
                assertThat(f.hint()).contains("Edit Settings > VM Options > Guest OS");
            });
            soap.setGuestId(BASE, "rockylinux_64Guest");
            assertThat(errors(check(sim, config))).isEmpty();
        }
    }

    @Test
    void anotherReleaseOrAGenericLinuxIsAWarning() throws Exception {
        try (Vcsim sim = Vcsim.start("-vm", "Templates/rocky-8-base")) {
            VcsimSoap soap = VcsimSoap.login(sim);
            soap.createSnapshot(BASE, "s1");
            List<Finding> nine = check(sim, config(sim, BASE, "rockylinux-9"));
            assertThat(errors(nine)).isEmpty();
            assertThat(nine).filteredOn(f -> f.severity() == Severity.WARNING).singleElement()
                    .satisfies(f -> assertThat(f.message()).contains("release 8, but os_version is rockylinux-9"));
            soap.setGuestId(BASE, "other4xLinux64Guest");
            assertThat(check(sim, config(sim, BASE, "rockylinux-8"))).filteredOn(f -> f.severity() == Severity.WARNING)
                    .singleElement().satisfies(f -> assertThat(f.message()).contains("cannot confirm it is Rocky Linux 8"));
        }
    }

    @Test
    void withoutATemplateOrWhenPreflightFoundNoneThereIsNothingMoreToSay() throws Exception {
        try (Vcsim sim = Vcsim.start("-vm", "Templates/rocky-8-base")) {
            assertThat(check(sim, config(sim, "", "rockylinux-8"))).isEmpty();
            assertThat(check(sim, config(sim, "Templates/missing", "rockylinux-8"))).isEmpty();
        }
    }
}
