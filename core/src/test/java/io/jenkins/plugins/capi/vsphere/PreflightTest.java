package io.jenkins.plugins.capi.vsphere;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.capi.config.Finding;
import io.jenkins.plugins.capi.config.ImageConfig;
import io.jenkins.plugins.capi.config.Severity;
import io.jenkins.plugins.capi.testing.Vcsim;
import io.jenkins.plugins.capi.vsphere.VsphereTls;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Pre-flight against real vcsim processes: the scenarios a user meets. */
@ExtendWith(Vcsim.Available.class)
class PreflightTest {

    private static final VsphereTimeouts TIMEOUTS = new VsphereTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10));

    /** A config that is right for the default vcsim inventory plus {@code -folder Templates}. */
    static Map<String, String> goodValues(Vcsim sim) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("image_name", "rhel-8-kube-v1.30.4");
        v.put("vcenter_server", sim.server());
        v.put("vcenter_datacenter", "DC0");
        v.put("vcenter_cluster", "DC0_C0");
        v.put("vcenter_resource_pool", "");
        v.put("vcenter_datastore", "LocalDS_0");
        v.put("vcenter_network", "VM Network");
        v.put("vcenter_folder", "Templates");
        return v;
    }

    static PreflightReport run(Vcsim sim, Map<String, String> values) {
        return run(sim, values, PreflightOptions.DEFAULT);
    }

    static PreflightReport run(Vcsim sim, Map<String, String> values, PreflightOptions options) {
        PreflightReport report = Preflight.run(ImageConfig.of("imageconfig", values), Vcsim.USER, Vcsim.PASSWORD,
                new VsphereTls(sim.caFile(), false), TIMEOUTS, options);
        assertNoSecret(report);
        return report;
    }

    static void assertNoSecret(PreflightReport report) {
        for (Finding f : report.findings()) {
            assertThat(f.format()).doesNotContain(Vcsim.PASSWORD).doesNotContain("s3cr3t");
        }
        assertThat(report.summary()).doesNotContain(Vcsim.PASSWORD);
    }

    static String text(PreflightReport report, String key, Severity severity) {
        return report.findings().stream().filter(f -> key.equals(f.key()) && f.severity() == severity)
                .map(Finding::format).collect(Collectors.joining("\n"));
    }

    static Map<String, String> with(Map<String, String> base, String key, String value) {
        Map<String, String> copy = new LinkedHashMap<>(base);
        copy.put(key, value);
        return copy;
    }

    @Test
    void aRightConfigPassesAndNamesEveryResolvedPath() throws Exception {
        try (Vcsim sim = Vcsim.start("-folder", "Templates")) {
            PreflightReport report = run(sim, goodValues(sim));

            assertThat(report.errors()).isEmpty();
            assertThat(report.warnings()).isEmpty();
            assertThat(report.passed()).isTrue();
            assertThat(report.about().apiType()).isEqualTo("VirtualCenter");
            assertThat(report.about().fullName()).startsWith("VMware vCenter Server");
            assertThat(report.resolvedPaths()).containsEntry("vcenter_datacenter", "/DC0")
                    .containsEntry("vcenter_cluster", "/DC0/host/DC0_C0")
                    .containsEntry("vcenter_resource_pool", "/DC0/host/DC0_C0/Resources")
                    .containsEntry("vcenter_datastore", "/DC0/datastore/LocalDS_0")
                    .containsEntry("vcenter_network", "/DC0/network/VM Network")
                    .containsEntry("vcenter_folder", "/DC0/vm/Templates");
            assertThat(report.summary()).contains("pre-flight passed", "0 errors");
        }
    }

    @Test
    void everyWrongItemIsReportedInOneRunWithThePathTriedAndTheParentsChildren() throws Exception {
        try (Vcsim sim = Vcsim.start("-folder", "Templates", "-pool", "1")) {
            Map<String, String> v = goodValues(sim);
            v.put("vcenter_cluster", "DC0_C1");
            v.put("vcenter_datastore", "LocalDS_9");
            v.put("vcenter_network", "VM Netwrk");
            v.put("vcenter_folder", "Templats");
            v.put("vcenter_template", "Templates/rocky-9");
            PreflightReport report = run(sim, v);

            assertThat(report.passed()).isFalse();
            assertThat(text(report, "vcenter_cluster", Severity.ERROR))
                    .contains("nothing at /DC0/host/DC0_C1", "/DC0/host contains", "DC0_C0", "DC0_H0");
            assertThat(text(report, "vcenter_datastore", Severity.ERROR))
                    .contains("nothing at /DC0/datastore/LocalDS_9", "/DC0/datastore contains LocalDS_0");
            assertThat(text(report, "vcenter_network", Severity.ERROR))
                    .contains("nothing at /DC0/network/VM Netwrk", "VM Network", "DC0_DVPG0");
            assertThat(text(report, "vcenter_folder", Severity.WARNING))
                    .contains("nothing at /DC0/vm/Templats", "Templates", "the build will create it");
            assertThat(text(report, "vcenter_template", Severity.ERROR))
                    .contains("nothing at /DC0/vm/Templates/rocky-9", "/DC0/vm/Templates contains nothing");
            // The resource pool is relative to a cluster that does not exist: not checked, not a false error.
            assertThat(text(report, "vcenter_resource_pool", Severity.ERROR)).isEmpty();
        }
    }

    @Test
    void aMissingResourcePoolIsAnErrorNotASilentFallBackToTheRootPool() throws Exception {
        try (Vcsim sim = Vcsim.start("-folder", "Templates", "-pool", "2")) {
            PreflightReport typo = run(sim, with(goodValues(sim), "vcenter_resource_pool", "DC0_C0_RP3"));
            assertThat(text(typo, "vcenter_resource_pool", Severity.ERROR))
                    .contains("nothing at /DC0/host/DC0_C0/Resources/DC0_C0_RP3",
                            "/DC0/host/DC0_C0/Resources contains DC0_C0_RP1, DC0_C0_RP2", "fall back");

            PreflightReport right = run(sim, with(goodValues(sim), "vcenter_resource_pool", "DC0_C0_RP2"));
            assertThat(right.errors()).isEmpty();
            assertThat(right.resolvedPaths()).containsEntry("vcenter_resource_pool",
                    "/DC0/host/DC0_C0/Resources/DC0_C0_RP2");
        }
    }

    @Test
    void aMissingDatacenterListsWhatExistsAndStopsThePathsBelowIt() throws Exception {
        try (Vcsim sim = Vcsim.start()) {
            PreflightReport report = run(sim, with(goodValues(sim), "vcenter_datacenter", "DC1"));
            assertThat(text(report, "vcenter_datacenter", Severity.ERROR))
                    .contains("nothing at /DC1", "the inventory root contains DC0");
            assertThat(report.errors()).hasSize(1);
        }
    }

    @Test
    void anEmptyDatacenterIsImpliedOnlyWhenThereIsExactlyOne() throws Exception {
        try (Vcsim one = Vcsim.start("-folder", "Templates")) {
            PreflightReport report = run(one, with(goodValues(one), "vcenter_datacenter", ""));
            assertThat(report.errors()).isEmpty();
            assertThat(text(report, "vcenter_datacenter", Severity.INFO)).contains("the only datacenter, /DC0");
        }
        try (Vcsim two = Vcsim.start("-dc", "2")) {
            PreflightReport report = run(two, with(goodValues(two), "vcenter_datacenter", ""));
            assertThat(text(report, "vcenter_datacenter", Severity.ERROR))
                    .contains("vCenter has 2 datacenters", "/DC0", "/DC1");
        }
    }

    @Test
    void objectsOfTheWrongTypeAreNamedAsWhatTheyAre() throws Exception {
        try (Vcsim sim = Vcsim.start("-folder", "Templates", "-pod", "1")) {
            Map<String, String> v = goodValues(sim);
            v.put("vcenter_network", "DVS0");
            v.put("vcenter_datastore", "DC0_POD0");
            v.put("vcenter_cluster", "DC0_H0");
            PreflightReport report = run(sim, v);

            assertThat(text(report, "vcenter_network", Severity.ERROR))
                    .contains("/DC0/network/DVS0 is a distributed switch, not a network", "DC0_DVPG0");
            assertThat(text(report, "vcenter_datastore", Severity.ERROR))
                    .contains("/DC0/datastore/DC0_POD0 is a datastore cluster (StoragePod), not a datastore");
            assertThat(text(report, "vcenter_cluster", Severity.ERROR))
                    .contains("/DC0/host/DC0_H0 is a standalone ESXi host", "clusters in /DC0: DC0_C0");
        }
    }

    @Test
    void anEsxiHostInAClusterIsNotACluster() throws Exception {
        try (Vcsim sim = Vcsim.start("-folder", "Templates")) {
            PreflightReport byPath = run(sim, with(goodValues(sim), "vcenter_cluster", "DC0_C0/DC0_C0_H0"));
            assertThat(text(byPath, "vcenter_cluster", Severity.ERROR))
                    .contains("/DC0/host/DC0_C0/DC0_C0_H0 is an ESXi host (HostSystem), not a cluster");
            PreflightReport byName = run(sim, with(goodValues(sim), "vcenter_cluster", "DC0_C0_H1"));
            assertThat(text(byName, "vcenter_cluster", Severity.ERROR))
                    .contains("/DC0/host/DC0_C0/DC0_C0_H1 is an ESXi host");
        }
    }

    @Test
    void aDistributedPortGroupIsAFineNetwork() throws Exception {
        try (Vcsim sim = Vcsim.start("-folder", "Templates")) {
            PreflightReport report = run(sim, with(goodValues(sim), "vcenter_network", "DC0_DVPG0"));
            assertThat(report.errors()).isEmpty();
            assertThat(report.resolvedPaths()).containsEntry("vcenter_network", "/DC0/network/DC0_DVPG0");
        }
    }

    @Test
    void aWrongPasswordIsReportedWithoutTheSecret() throws Exception {
        try (Vcsim sim = Vcsim.startWithPassword("the-right-one")) {
            PreflightReport report = run(sim, goodValues(sim));
            assertThat(text(report, "vcenter_user", Severity.ERROR))
                    .contains("rejected the login of user 'jenkins'", "InvalidLogin", sim.server());
            assertThat(report.errors()).hasSize(1);
        }
    }

    @Test
    void anExistingVmOrTemplateWithTheImageNameIsAnError() throws Exception {
        try (Vcsim sim = Vcsim.start("-template", "Templates/rhel-8-kube-v1.30.4")) {
            PreflightReport inFolder = run(sim, goodValues(sim));
            assertThat(text(inFolder, "image_name", Severity.ERROR))
                    .contains("a template already exists at /DC0/vm/Templates/rhel-8-kube-v1.30.4", "already exists");

            // Without a folder the builder looks in the whole datacenter, and so does pre-flight.
            Map<String, String> noFolder = with(goodValues(sim), "vcenter_folder", "");
            noFolder.put("image_name", "DC0_H0_VM0");
            assertThat(text(run(sim, noFolder), "image_name", Severity.ERROR))
                    .contains("a VM already exists at /DC0/vm/DC0_H0_VM0");

            PreflightReport otherName = run(sim, with(goodValues(sim), "image_name", "rhel-8-kube-v1.31.0"));
            assertThat(otherName.errors()).isEmpty();
        }
    }

    @Test
    void aTemplateToCloneMustExistAndAPlainVmIsAWarning() throws Exception {
        try (Vcsim sim = Vcsim.start("-template", "Templates/rocky-9-base", "-vm", "Work/rocky-vm")) {
            PreflightReport byPath = run(sim, with(goodValues(sim), "vcenter_template", "Templates/rocky-9-base"));
            assertThat(byPath.errors()).isEmpty();
            assertThat(byPath.resolvedPaths()).containsEntry("vcenter_template", "/DC0/vm/Templates/rocky-9-base");

            PreflightReport byName = run(sim, with(goodValues(sim), "vcenter_template", "rocky-9-base"));
            assertThat(byName.resolvedPaths()).containsEntry("vcenter_template", "/DC0/vm/Templates/rocky-9-base");

            PreflightReport full = run(sim, with(goodValues(sim), "vcenter_template", "/DC0/vm/Templates/rocky-9-base"));
            assertThat(full.errors()).isEmpty();

            PreflightReport vm = run(sim, with(goodValues(sim), "vcenter_template", "Work/rocky-vm"));
            assertThat(text(vm, "vcenter_template", Severity.WARNING)).contains("/DC0/vm/Work/rocky-vm", "is a VM, not a template");
            assertThat(vm.errors()).isEmpty();

            PreflightReport absent = run(sim, with(goodValues(sim), "vcenter_template", "rocky-8-base"));
            assertThat(text(absent, "vcenter_template", Severity.ERROR))
                    .contains("nothing at /DC0/vm/rocky-8-base", "/DC0/vm contains", "Templates", "Work");
        }
    }

    @Test
    void lowFreeSpaceMaintenanceModeAndAnInaccessibleDatastoreAreErrors() throws Exception {
        long oneGib = 1L << 30;
        try (Vcsim sim = Vcsim.start("-folder", "Templates", "-ds-free", Long.toString(oneGib))) {
            PreflightReport report = run(sim, goodValues(sim));
            assertThat(text(report, "vcenter_datastore", Severity.ERROR))
                    .contains("/DC0/datastore/LocalDS_0 has 1.0 GiB free, less than the 50.0 GiB a build needs");

            PreflightReport lowerMinimum = run(sim, goodValues(sim), PreflightOptions.DEFAULT.withMinFreeBytes(oneGib / 2));
            assertThat(lowerMinimum.errors()).isEmpty();
        }
        try (Vcsim sim = Vcsim.start("-folder", "Templates", "-ds-maintenance")) {
            assertThat(text(run(sim, goodValues(sim)), "vcenter_datastore", Severity.ERROR))
                    .contains("is in maintenance mode (inMaintenance)");
        }
        try (Vcsim sim = Vcsim.start("-folder", "Templates", "-ds-inaccessible")) {
            assertThat(text(run(sim, goodValues(sim)), "vcenter_datastore", Severity.ERROR))
                    .contains("datastore /DC0/datastore/LocalDS_0 is not accessible");
        }
    }

    @Test
    void anUntrustedCertificateFailsUnlessTheCaIsGivenOrInsecureIsChosen() throws Exception {
        try (Vcsim sim = Vcsim.start("-folder", "Templates")) {
            ImageConfig config = ImageConfig.of("imageconfig", goodValues(sim));

            PreflightReport jvmTrustOnly = Preflight.run(config, Vcsim.USER, Vcsim.PASSWORD, VsphereTls.VERIFY, TIMEOUTS);
            assertNoSecret(jvmTrustOnly);
            assertThat(text(jvmTrustOnly, "vcenter_server", Severity.ERROR))
                    .contains("vCenter " + sim.server() + ": TLS handshake failed");
            assertThat(jvmTrustOnly.about()).isNull();

            PreflightReport withCa = Preflight.run(config,
                    io.jenkins.plugins.capi.secrets.BuildSecrets.vcenter(Vcsim.USER, Vcsim.PASSWORD),
                    new VsphereTls(sim.caFile(), false));
            assertThat(withCa.passed()).isTrue();
            assertThat(withCa.warnings()).isEmpty();

            PreflightReport insecure = Preflight.run(config, Vcsim.USER, Vcsim.PASSWORD,
                    new VsphereTls(null, true), TIMEOUTS);
            assertNoSecret(insecure);
            assertThat(insecure.passed()).isTrue();
            assertThat(text(insecure, "vcenter_server", Severity.WARNING)).contains("verification", "switched off");
        }
    }

    @Test
    void aCertificateForAnotherHostIsRejectedEvenWithItsCa() throws Exception {
        // The certificate names 127.0.0.1 and localhost; this vcsim listens on 127.0.0.2 (loopback as well).
        try (Vcsim sim = Vcsim.start("-folder", "Templates", "-l", "127.0.0.2:0")) {
            assertThat(sim.server()).startsWith("127.0.0.2:");
            PreflightReport report = run(sim, goodValues(sim));
            assertThat(report.passed()).isFalse();
            assertThat(text(report, "vcenter_server", Severity.ERROR)).contains("TLS handshake failed");
        }
    }

    @Test
    void anotherServersCaDoesNotMakeACertificateTrusted() throws Exception {
        try (Vcsim sim = Vcsim.start("-folder", "Templates"); Vcsim other = Vcsim.start()) {
            PreflightReport report = Preflight.run(ImageConfig.of("imageconfig", goodValues(sim)), Vcsim.USER,
                    Vcsim.PASSWORD, new VsphereTls(other.caFile(), false), TIMEOUTS);
            assertThat(text(report, "vcenter_server", Severity.ERROR)).contains("TLS handshake failed");
        }
    }

    @Test
    void namesWithSlashPercentAndBackslashAreEscapedPerElement() throws Exception {
        try (Vcsim sim = Vcsim.start("-named-folder", "team/a", "-named-folder", "50% off", "-named-folder", "win\\dows")) {
            PreflightReport slash = run(sim, with(goodValues(sim), "vcenter_folder", "team%2fa"));
            assertThat(slash.warnings()).isEmpty();
            assertThat(slash.resolvedPaths()).containsEntry("vcenter_folder", "/DC0/vm/team%2fa");

            PreflightReport percent = run(sim, with(goodValues(sim), "vcenter_folder", "50% off"));
            assertThat(percent.resolvedPaths()).containsEntry("vcenter_folder", "/DC0/vm/50%25 off");

            PreflightReport backslash = run(sim, with(goodValues(sim), "vcenter_folder", "win\\dows"));
            assertThat(backslash.resolvedPaths()).containsEntry("vcenter_folder", "/DC0/vm/win%5cdows");

            // Split on '/' first: "team/a" means folder "a" inside folder "team", which does not exist.
            PreflightReport nested = run(sim, with(goodValues(sim), "vcenter_folder", "team/a"));
            assertThat(text(nested, "vcenter_folder", Severity.WARNING))
                    .contains("nothing at /DC0/vm/team/a", "/DC0/vm contains", "team%2fa");
        }
    }

    @Test
    void doubleAndTrailingSlashesAreNormalised() throws Exception {
        try (Vcsim sim = Vcsim.start("-folder", "Templates/k8s", "-pool", "1")) {
            Map<String, String> v = goodValues(sim);
            v.put("vcenter_folder", "/Templates//k8s/");
            v.put("vcenter_datacenter", "/DC0/");
            v.put("vcenter_resource_pool", "DC0_C0_RP1/");
            PreflightReport report = run(sim, v);
            assertThat(report.errors()).isEmpty();
            assertThat(report.warnings()).isEmpty();
            assertThat(report.resolvedPaths()).containsEntry("vcenter_folder", "/DC0/vm/Templates/k8s")
                    .containsEntry("vcenter_resource_pool", "/DC0/host/DC0_C0/Resources/DC0_C0_RP1");
        }
    }

    @Test
    void bareNamesAreFoundInSubfoldersLikeTheBuilderFindsThem() throws Exception {
        // -dc-folder: /F0/DC0, cluster /F0/DC0/host/F0/DC0_C0, datastore /F0/DC0/datastore/F0/LocalDS_0, …
        try (Vcsim sim = Vcsim.start("-dc-folder", "1")) {
            Map<String, String> bare = goodValues(sim);
            bare.put("vcenter_datacenter", "DC0");
            bare.put("vcenter_network", "DC0_DVPG0");
            bare.put("vcenter_folder", "F0");
            PreflightReport report = run(sim, bare);
            assertThat(report.errors()).isEmpty();
            assertThat(report.resolvedPaths()).containsEntry("vcenter_datacenter", "/F0/DC0")
                    .containsEntry("vcenter_cluster", "/F0/DC0/host/F0/DC0_C0")
                    .containsEntry("vcenter_resource_pool", "/F0/DC0/host/F0/DC0_C0/Resources")
                    .containsEntry("vcenter_datastore", "/F0/DC0/datastore/F0/LocalDS_0")
                    .containsEntry("vcenter_network", "/F0/DC0/network/F0/DC0_DVPG0")
                    .containsEntry("vcenter_folder", "/F0/DC0/vm/F0");

            Map<String, String> paths = with(bare, "vcenter_datacenter", "F0/DC0");
            paths.put("vcenter_cluster", "F0/DC0_C0");
            paths.put("vcenter_datastore", "/F0/DC0/datastore/F0/LocalDS_0");
            assertThat(run(sim, paths).errors()).isEmpty();

            // With a '/' the path is taken as written: no search.
            PreflightReport wrongPath = run(sim, with(bare, "vcenter_cluster", "X/DC0_C0"));
            assertThat(text(wrongPath, "vcenter_cluster", Severity.ERROR))
                    .contains("nothing at /F0/DC0/host/X/DC0_C0", "/F0/DC0/host contains F0");
        }
    }

    @Test
    void aClosedPortIsReportedAsRefused() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        PreflightReport report = Preflight.run(ImageConfig.of("imageconfig", Map.of("vcenter_server", "127.0.0.1:" + port)),
                Vcsim.USER, Vcsim.PASSWORD, VsphereTls.VERIFY, TIMEOUTS);
        assertNoSecret(report);
        assertThat(text(report, "vcenter_server", Severity.ERROR))
                .contains("vCenter 127.0.0.1:" + port + ": connection refused");
    }

    @Test
    void aSlowEndpointHitsTheReadTimeout() throws Exception {
        try (Vcsim sim = Vcsim.start("-delay", "3s")) {
            PreflightReport report = Preflight.run(ImageConfig.of("imageconfig", goodValues(sim)), Vcsim.USER,
                    Vcsim.PASSWORD, new VsphereTls(sim.caFile(), false),
                    new VsphereTimeouts(Duration.ofSeconds(2), Duration.ofMillis(700)));
            assertNoSecret(report);
            assertThat(text(report, "vcenter_server", Severity.ERROR))
                    .contains("no answer to RetrieveServiceContent within 700 ms (read timeout)");
        }
    }

    @Test
    void anEsxiHostIsNotAVcenter() throws Exception {
        try (Vcsim sim = Vcsim.start("-esx")) {
            PreflightReport report = run(sim, goodValues(sim));
            assertThat(text(report, "vcenter_server", Severity.ERROR)).contains("apiType HostAgent", "not a vCenter");
        }
    }

    @Test
    void smallPagesGiveTheSameAnswer() throws Exception {
        try (Vcsim sim = Vcsim.start("-folder", "Templates", "-template", "Templates/rocky-9-base")) {
            PreflightReport report = run(sim, with(goodValues(sim), "vcenter_template", "rocky-9-base"),
                    PreflightOptions.DEFAULT.withPageSize(1));
            assertThat(report.errors()).isEmpty();
            assertThat(report.resolvedPaths()).containsEntry("vcenter_template", "/DC0/vm/Templates/rocky-9-base");
        }
    }

    @Test
    void missingCredentialsAndServerAreFindingsNotExceptions() {
        PreflightReport report = Preflight.run(ImageConfig.of("imageconfig", Map.of("vcenter_server", "")),
                "", null, VsphereTls.VERIFY, TIMEOUTS);
        assertThat(report.errors()).extracting(Finding::key)
                .containsExactly("vcenter_server", "vcenter_user", "vcenter_password");
    }

    @Test
    void findingsPointAtTheKeysLine() throws Exception {
        try (Vcsim sim = Vcsim.start("-folder", "Templates")) {
            ImageConfig config = ImageConfig.of("imageconfig", goodValues(sim)).with("vcenter_datastore", "nope",
                    new io.jenkins.plugins.capi.config.SourceLocation("imageconfig", 17, 19));
            PreflightReport report = Preflight.run(config, Vcsim.USER, Vcsim.PASSWORD,
                    new VsphereTls(sim.caFile(), false), TIMEOUTS);
            List<Finding> errors = report.errors();
            assertThat(errors).hasSize(1);
            assertThat(errors.get(0).format()).startsWith("imageconfig:17:19: error: vcenter_datastore 'nope': nothing at");
        }
    }
}
