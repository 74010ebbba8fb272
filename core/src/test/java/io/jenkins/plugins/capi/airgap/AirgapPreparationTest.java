package io.jenkins.plugins.capi.airgap;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.capi.config.CompatibilityMode;
import io.jenkins.plugins.capi.config.Finding;
import io.jenkins.plugins.capi.config.Severity;
import io.jenkins.plugins.capi.config.Supplied;
import io.jenkins.plugins.capi.config.ValidationOptions;
import io.jenkins.plugins.capi.testing.FakeAirgapArchive;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The checks an air-gapped build makes before anything is loaded, extracted or started, on archives that only need
 * to be listed (no engine): every finding at once, each naming its file, each hint passing when applied.
 */
class AirgapPreparationTest {

    @TempDir
    Path dir;

    private Path archive;
    private Path cert;
    private Path work;
    private int port;

    @BeforeEach
    void setUp() throws Exception {
        archive = FakeAirgapArchive.listingOnly().writeArchive(dir);
        cert = AirgapFixture.certificate(Files.createDirectories(dir.resolve("certs")));
        work = dir.resolve("work");
        port = AirgapFixture.freePort();
    }

    private AirgapRequest request() {
        return AirgapRequest.of(archive, work, "prep-test").withCertificate(cert).withYumPort(port);
    }

    private List<Finding> findings(AirgapRequest request, String config) throws InterruptedException {
        return findings(request, config, AirgapFixture.OPTIONS);
    }

    private List<Finding> findings(AirgapRequest request, String config, ValidationOptions options)
            throws InterruptedException {
        return AirgapPreparation.prepare(request, AirgapFixture.parse(config), options, null, AirgapEvents.NONE)
                .findings();
    }

    private static List<Finding> errors(List<Finding> findings) {
        return findings.stream().filter(Finding::isError).toList();
    }

    private String config(String... extra) {
        return AirgapFixture.config("rocky-8", port, extra);
    }

    @Test
    void aMatchingBundleHasNoErrorsAndThePortWarningOnly() throws Exception {
        List<Finding> f = findings(request(), config());

        assertThat(errors(f)).isEmpty();
        assertThat(f).filteredOn(x -> x.severity() == Severity.WARNING)
                .anyMatch(x -> x.message().contains("the vendor documents the Yum repository on port 9000"));
    }

    @Test
    void everyProblemIsReportedAtOnceAndNothingIsWritten() throws Exception {
        Files.writeString(cert, "not a certificate\n");
        Path pack = Files.writeString(dir.resolve("airgap-pack-kubernetes-1.29.4.bin"), "#!/bin/sh\n");
        String config = config("cni_version=1.2.0", "containerd_version=1.6.0", "crictl_version=1.26.0")
                .replace("airgap_ip=127.0.0.1\n", "");
        TreeMap<String, String> before = AirgapFixture.snapshot(dir);

        List<Finding> f = findings(request().withKubernetesPack(pack, false), config);

        assertThat(errors(f)).extracting(Finding::key).contains("cni_version", "containerd_version", "crictl_version",
                "airgap_ip", "k8s_version");
        assertThat(errors(f)).extracting(x -> x.location().source()).contains(cert.toString(), pack.toString());
        assertThat(AirgapFixture.snapshot(dir)).isEqualTo(before);
        assertThat(work).doesNotExist();
    }

    @ParameterizedTest
    @CsvSource({
        "cni_version, 1.2.0, 1.3.0, Packages/kubernetes-cni-1.3.0-150500.1.1.x86_64.rpm",
        "containerd_version, 1.6.28, 1.7.13, cri-containerd-cni-1.7.13-linux-amd64.tar.gz",
        "crictl_version, 1.26.0, 1.28.0, crictl-v1.28.0-linux-amd64.tar.gz"})
    void aComponentVersionWithoutItsFileListsWhatTheRepositoryHas(String key, String wrong, String offered, String file)
            throws Exception {
        String config = config().replace(key + "=" + offered, key + "=" + wrong);

        Finding f = errors(findings(request(), config)).stream().filter(x -> key.equals(x.key())).findFirst()
                .orElseThrow();

        assertThat(f.location().source()).isEqualTo("imageconfig");
        assertThat(f.location().hasLine()).isTrue();
        assertThat(f.message()).contains(key + " " + wrong, archive + "!rpmrepo/", file);
        assertThat(f.hint()).isEqualTo("write " + key + "=" + offered);
        assertThat(errors(findings(request(), config.replace(key + "=" + wrong, f.hint().substring(6))))).isEmpty();
    }

    @Test
    void aBuilderVersionOtherThanTheArchivesNamesBoth() throws Exception {
        ValidationOptions for4623 = new ValidationOptions(CompatibilityMode.WARN, "4.6.23", Supplied.keys(true, false));

        Finding f = errors(findings(request(), config(), for4623)).get(0);

        assertThat(f.location().source()).isEqualTo(archive.toString());
        assertThat(f.message()).contains("holds builder 4.6.24", "set up for builder 4.6.23");
        assertThat(f.hint()).contains("capi-image-builder-v4.6.23.tgz", "localhost/capi-builder:v4.6.24");
        ValidationOptions for4624 = new ValidationOptions(CompatibilityMode.WARN, "4.6.24", Supplied.keys(true, false));
        assertThat(errors(findings(request(), config(), for4624))).isEmpty();
    }

    @Test
    void aMissingAirgapIpIsTheValidatorsFindingWithItsHint() throws Exception {
        List<Finding> f = errors(findings(request(), config().replace("airgap_ip=127.0.0.1\n", "")));

        assertThat(f).singleElement().satisfies(x -> {
            assertThat(x.key()).isEqualTo("airgap_ip");
            assertThat(x.message()).contains("airgap=true needs airgap_ip");
            assertThat(x.hint()).contains("same form used with airgap-setup.sh");
        });
    }

    @Test
    void aConnectedConfigIsRefusedForAnAirgappedBuild() throws Exception {
        String connected = config().replace("airgap=true\nairgap_ip=127.0.0.1\n", "airgap=false\n");

        Finding f = errors(findings(request(), connected)).get(0);

        assertThat(f.key()).isEqualTo("airgap");
        assertThat(f.location().hasLine()).isTrue();
        assertThat(f.message()).contains("needs airgap=true");
        String applied = connected.replace("airgap=false\n", "airgap=true\nairgap_ip=airgap-support.test\n");
        assertThat(errors(findings(request(), applied))).isEmpty();
    }

    @Test
    void rhelCredentialsAreRequiredByTheArchivesBuilderVersionBefore460() throws Exception {
        archive = FakeAirgapArchive.listingOnly().builderTag("v4.5.9").writeArchive(Files.createDirectories(
                dir.resolve("old")));
        String rhel = config().replace("os_version=rockylinux-8", "os_version=rhel-8");

        assertThat(errors(findings(request(), rhel))).anyMatch(x -> x.message().contains("before 4.6.0"));
        archive = FakeAirgapArchive.listingOnly().builderTag("v4.6.0").writeArchive(dir);
        assertThat(errors(findings(request(), rhel))).noneMatch(x -> x.message().contains("before 4.6.0"));
    }

    @Test
    void theKubernetesPackMustBeThatOfK8sVersion() throws Exception {
        Path wrong = Files.writeString(dir.resolve("airgap-pack-kubernetes-1.29.4.bin"), "#!/bin/sh\n");
        Path renamed = Files.writeString(dir.resolve("k8s-pack.bin"), "#!/bin/sh\n");
        Path right = Files.writeString(dir.resolve("airgap-pack-kubernetes-1.30.4.bin"), "#!/bin/sh\n");
        Path noShebang = Files.writeString(Files.createDirectories(dir.resolve("bin"))
                .resolve("airgap-pack-kubernetes-1.30.4.bin"), "\u007fELF");

        assertThat(errors(findings(request().withKubernetesPack(wrong, true), config()))).singleElement()
                .satisfies(x -> {
                    assertThat(x.location().source()).isEqualTo(wrong.toString());
                    assertThat(x.message()).contains("Kubernetes 1.29.4", "k8s_version is 1.30.4", "imageconfig:");
                    assertThat(x.hint()).contains("airgap-pack-kubernetes-1.30.4.bin");
                });
        assertThat(errors(findings(request().withKubernetesPack(renamed, true), config()))).singleElement()
                .satisfies(x -> assertThat(x.message()).contains("cannot tell the Kubernetes version"));
        assertThat(errors(findings(request().withKubernetesPack(dir.resolve("gone.bin"), true), config())))
                .singleElement().satisfies(x -> assertThat(x.message()).contains("does not exist"));
        assertThat(errors(findings(request().withKubernetesPack(noShebang, true), config()))).singleElement()
                .satisfies(x -> assertThat(x.hint()).isEqualTo("run chmod +x " + noShebang));
        Files.setPosixFilePermissions(noShebang, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThat(errors(findings(request().withKubernetesPack(noShebang, true), config()))).isEmpty();
        assertThat(errors(findings(request().withKubernetesPack(right, true), config()))).isEmpty();
    }

    @Test
    void theCertificateMustBeAPemCertificateAndNeverAKey() throws Exception {
        String keyText = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7Pl4nted\n"
                + "-----END PRIVATE KEY-----\n";
        Path withKey = Files.writeString(dir.resolve("bundle.pem"), Files.readString(cert) + keyText);
        Path der = Files.write(dir.resolve("server.der"), new byte[] {0x30, (byte) 0x82, 0x03, 0x1f});
        Path broken = Files.writeString(dir.resolve("broken.crt"),
                "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n-----END CERTIFICATE-----\n");

        assertThat(errors(findings(request().withCertificate(withKey), config()))).singleElement().satisfies(x -> {
            assertThat(x.location().source()).isEqualTo(withKey.toString());
            assertThat(x.message()).contains("holds a private key").doesNotContain("Pl4nted");
        });
        assertThat(errors(findings(request().withCertificate(der), config()))).singleElement()
                .satisfies(x -> assertThat(x.message()).contains("not a PEM certificate"));
        assertThat(errors(findings(request().withCertificate(broken), config()))).singleElement()
                .satisfies(x -> assertThat(x.message()).contains("not a valid X.509 certificate"));
        assertThat(errors(findings(request().withCertificate(dir.resolve("missing.crt")), config()))).singleElement()
                .satisfies(x -> assertThat(x.hint()).contains("/opt/spectro/ssl/server.crt"));
    }

    @Test
    void aPortInUseIsRefusedBeforeAnythingStarts() throws Exception {
        try (ServerSocket taken = new ServerSocket(port)) {
            assertThat(errors(findings(request(), config()))).singleElement().satisfies(x -> {
                assertThat(x.location().source()).isEqualTo("yum port " + port);
                assertThat(x.message()).contains("port " + port + " cannot be published", "listening on it");
            });
        }
        assertThat(errors(findings(request().withYumPort(70000), config()))).singleElement()
                .satisfies(x -> assertThat(x.message()).contains("not a port number"));
    }

    @Test
    void theWorkFolderMustBeTheToolsOwnAndApartFromTheBundle() throws Exception {
        Files.createDirectories(work);
        Files.writeString(work.resolve("notes.txt"), "mine");
        assertThat(errors(findings(request(), config()))).singleElement().satisfies(x -> {
            assertThat(x.location().source()).isEqualTo(work.toString());
            assertThat(x.message()).contains("files this tool did not put there (notes.txt)");
        });

        Path folder = FakeAirgapArchive.listingOnly().writeFolder(dir.resolve("extracted"));
        AirgapRequest inside = AirgapRequest.of(folder, folder.resolve("work"), "prep-test").withCertificate(cert)
                .withYumPort(port);
        assertThat(errors(findings(inside, config()))).singleElement()
                .satisfies(x -> assertThat(x.message()).contains("overlap"));
    }

    @Test
    void anUnreadableArchiveIsAFindingNamingIt() throws Exception {
        Path notGzip = Files.writeString(dir.resolve("capi-image-builder-v4.6.24.tgz"), "plain text");
        assertThat(errors(findings(AirgapRequest.of(notGzip, work, "x").withCertificate(cert).withYumPort(port),
                config()))).anySatisfy(x -> {
                    assertThat(x.location().source()).isEqualTo(notGzip.toString());
                    assertThat(x.message()).contains("not a gzip-compressed tar");
                });

        Path hostile = FakeAirgapArchive.listingOnly().extraEntry("rpmrepo/../../etc/cron.d/x", "* * * * * root id\n")
                .writeArchive(Files.createDirectories(dir.resolve("hostile")));
        assertThat(errors(findings(AirgapRequest.of(hostile, work, "x").withCertificate(cert).withYumPort(port),
                config()))).anySatisfy(x -> assertThat(x.message()).contains("points outside the archive's folder"));
    }

    @Test
    void thePlanSaysWhatWouldBeLoadedExtractedAndStarted() throws Exception {
        Path pack = Files.writeString(dir.resolve("airgap-pack-kubernetes-1.30.4.bin"), "#!/bin/sh\n");
        AirgapPreparation prep = AirgapPreparation.prepare(request().withKubernetesPack(pack, true),
                AirgapFixture.parse(config()), AirgapFixture.OPTIONS, null, AirgapEvents.NONE);

        assertThat(prep.plan()).extracting(PlannedStep::format).satisfiesExactly(
                s -> assertThat(s).startsWith("load").contains("capi-builder-v4.6.24.tar", "localhost/capi-builder:v4.6.24",
                        "nothing written to disk"),
                s -> assertThat(s).startsWith("load").contains("yum-repo-v1.0.0.tar", "localhost/yum-repo:v1.0.0"),
                s -> assertThat(s).startsWith("extract").contains("rpmrepo/ (5 files, 3 packages)", work + "/rpmrepo"),
                s -> assertThat(s).startsWith("extract").contains("ks.cfg.rocky8"),
                s -> assertThat(s).startsWith("extract").contains("output/imageconfig"),
                s -> assertThat(s).startsWith("copy").contains(cert.toString(), "server.crt"),
                s -> assertThat(s).startsWith("start").contains("capi-build-prep-test-yum-repo", "port " + port,
                        "Pool finished", "stopped and removed"),
                s -> assertThat(s).startsWith("run").contains(pack.toString()),
                s -> assertThat(s).startsWith("stage").contains("ks.cfg.rocky8"),
                s -> assertThat(s).startsWith("remove").contains(work.toString()));
    }

    @Test
    void anArchiveInsideATopFolderIsReadTheSame() throws Exception {
        Path nested = FakeAirgapArchive.listingOnly().inTopFolder("capi-image-builder-v4.6.24")
                .writeArchive(Files.createDirectories(dir.resolve("nested")));

        AirgapBundle b = AirgapBundle.inspect(nested, AirgapEvents.NONE);

        assertThat(b.builderImage()).get().extracting(AirgapBundle.ImageTar::tag).isEqualTo("v4.6.24");
        assertThat(b.yumImage()).get().extracting(AirgapBundle.ImageTar::tag).isEqualTo("v1.0.0");
        assertThat(b.kickstarts()).containsExactly("ks.cfg.rhel8", "ks.cfg.rocky8", "ks.cfg.rocky9");
        assertThat(b.hasImageConfigTemplate()).isTrue();
        assertThat(b.packages().versions(YumPackages.Component.CNI)).containsExactly("1.3.0");
        assertThat(AirgapBundle.inspect(FakeAirgapArchive.listingOnly().writeFolder(dir.resolve("folder")),
                AirgapEvents.NONE).rpmRepoFiles()).containsExactlyInAnyOrderElementsOf(b.rpmRepoFiles());
    }

    @Test
    void kickstartsAreNamedAsTheVendorShipsThem() {
        assertThat(ArchiveLayout.kickstartFor("rockylinux-8")).contains("ks.cfg.rocky8");
        assertThat(ArchiveLayout.kickstartFor("rockylinux-9")).contains("ks.cfg.rocky9");
        assertThat(ArchiveLayout.kickstartFor("rhel-8")).contains("ks.cfg.rhel8");
        assertThat(ArchiveLayout.kickstartFor("ubuntu-22")).isEmpty();
    }
}
