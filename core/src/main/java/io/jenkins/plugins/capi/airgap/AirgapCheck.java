package io.jenkins.plugins.capi.airgap;

import com.github.dockerjava.api.DockerClient;
import io.jenkins.plugins.capi.config.BuilderVersion;
import io.jenkins.plugins.capi.config.ConfigKey;
import io.jenkins.plugins.capi.config.Finding;
import io.jenkins.plugins.capi.config.ImageConfig;
import io.jenkins.plugins.capi.config.Severity;
import io.jenkins.plugins.capi.config.SourceLocation;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The air-gap rules the imageconfig validator cannot know, because they compare the config with the bundle and the
 * files given beside it: builder version, the three component versions against {@code rpmrepo/}, the Kubernetes
 * air-gap pack against {@code k8s_version}, the certificate, the Yum port and the work folder. Each finding names
 * the file it is about. What the validator checks ({@code airgap_ip}, RHEL credentials before 4.6.0) is not
 * repeated here.
 */
final class AirgapCheck {

    private static final String RPMREPO = ArchiveLayout.RPM_REPO + "/";

    private final AirgapRequest request;
    private final AirgapBundle bundle;
    private final ImageConfig config;
    private final DockerClient docker;
    private final List<Finding> findings = new ArrayList<>();

    private AirgapCheck(AirgapRequest request, AirgapBundle bundle, ImageConfig config, DockerClient docker) {
        this.request = request;
        this.bundle = bundle;
        this.config = config;
        this.docker = docker;
    }

    /**
     * @param bundle            the inspected bundle, or null when it could not be read (its finding is the caller's)
     * @param configuredVersion the builder version the build was set up for, or null when unknown
     * @param docker            the engine, or null: then images already loaded are not looked for
     */
    static List<Finding> check(AirgapRequest request, AirgapBundle bundle, ImageConfig config,
                               BuilderVersion configuredVersion, DockerClient docker) {
        AirgapCheck c = new AirgapCheck(request, bundle, config, docker);
        if (bundle != null) {
            c.images();
            c.builderVersion(configuredVersion);
            c.components();
        }
        c.airgapMode();
        c.kubernetesPack();
        c.certificate();
        c.yumPort();
        c.workFolder();
        return List.copyOf(c.findings);
    }

    private void images() {
        SourceLocation at = SourceLocation.of(bundle.source().toString());
        String hint = "give the vendor's capi-image-builder-<tag>.tgz, or the folder it was extracted into, unchanged";
        if (bundle.builderImage().isEmpty()) {
            Optional<String> tag = bundle.builderTag();
            if (tag.isEmpty() || !loaded(VendorImages.builder(tag.get()))) {
                findings.add(Finding.error(at, "the air-gap bundle has no builder image (capi-builder-<tag>.tar)"
                        + tag.map(t -> " and " + VendorImages.builder(t) + " is not loaded").orElse(""), hint));
            }
        }
        if (bundle.yumImage().isEmpty()) {
            findings.add(Finding.error(at, "the air-gap bundle has no Yum repository image (yum-repo-<tag>.tar)", hint));
        }
        if (bundle.rpmRepoFiles().isEmpty()) {
            findings.add(Finding.error(at, "the air-gap bundle has no packages in " + RPMREPO, hint));
        }
        if (bundle.kickstarts().isEmpty()) {
            findings.add(Finding.warning(at, "the air-gap bundle has no kickstart/ files; the builder's own kickstart "
                    + "is used", "give the vendor's bundle unchanged if the build needs its kickstart"));
        }
    }

    private boolean loaded(String reference) {
        return docker != null && EngineImages.idOf(docker, reference).isPresent();
    }

    private void builderVersion(BuilderVersion configured) {
        SourceLocation at = SourceLocation.of(bundle.source().toString());
        Optional<BuilderVersion> inBundle = bundle.builderVersion();
        if (inBundle.isEmpty()) {
            findings.add(Finding.warning(at, "cannot tell the builder version of the air-gap bundle: neither "
                    + "capi-builder-<tag>.tar nor the archive's name carries one", "keep the vendor's file names"));
            return;
        }
        Optional<String> named = bundle.kind() == AirgapBundle.Kind.ARCHIVE
                ? ArchiveLayout.archiveTag(bundle.source().getFileName().toString()) : Optional.empty();
        if (named.isPresent() && bundle.builderImage().isPresent()
                && !BuilderVersion.parse(named.get()).equals(inBundle)) {
            findings.add(Finding.warning(at, "the archive is named for builder " + named.get() + " but holds "
                    + bundle.builderImage().get().entry(), "use the archive the vendor issued, under its own name"));
        }
        if (configured != null && !configured.equals(inBundle.get())) {
            String tag = bundle.builderTag().orElseThrow();
            findings.add(Finding.error(at, "the air-gap bundle holds builder " + inBundle.get() + " but the build is set"
                            + " up for builder " + configured,
                    "use the air-gap archive of builder " + configured + " (capi-image-builder-v" + configured
                            + ".tgz), or build with image " + VendorImages.builder(tag)));
        }
    }

    private void components() {
        YumPackages packages = bundle.packages();
        String repo = bundle.describe(RPMREPO);
        for (YumPackages.Component c : YumPackages.Component.values()) {
            Optional<String> wanted = config.value(c.key());
            if (wanted.isEmpty()) {
                continue; // a missing version is the validator's finding
            }
            if (packages.offers(c, wanted.get())) {
                continue;
            }
            List<String> versions = packages.versions(c);
            String expected = c.fileName().replace("<version>", wanted.get());
            if (versions.isEmpty()) {
                findings.add(Finding.error(c.key(), config.locationOf(c.key()), c.key() + " " + wanted.get()
                                + " needs " + expected + " in " + repo + ", which has no " + c.fileName() + " at all ("
                                + bundle.rpmRepoFiles().size() + " files)",
                        "use the vendor's complete air-gap bundle"));
                continue;
            }
            List<String> files = packages.provided(c).stream().map(YumPackages.Provided::file).toList();
            findings.add(Finding.error(c.key(), config.locationOf(c.key()), c.key() + " " + wanted.get() + " needs "
                            + expected + ", but " + repo + " has only " + String.join(", ", files),
                    versions.size() == 1 ? "write " + c.key() + "=" + versions.get(0)
                            : "write one of " + String.join(", ", versions.stream().map(v -> c.key() + "=" + v).toList())));
        }
    }

    private void airgapMode() {
        if (config.airgap()) {
            return;
        }
        String value = config.get(ConfigKey.AIRGAP);
        if (!value.isEmpty() && !value.equals("false")) {
            return; // a malformed value is the validator's finding
        }
        findings.add(Finding.error(ConfigKey.AIRGAP, config.locationOf(ConfigKey.AIRGAP),
                "an air-gapped build needs airgap=true" + (value.isEmpty() ? "" : ", not airgap=false")
                        + ": otherwise the builder downloads from the internet",
                "write airgap=true and airgap_ip=<the support VM's host name or IP, in the form used with airgap-setup.sh>"));
    }

    private void kubernetesPack() {
        Path pack = request.kubernetesPack();
        if (pack == null) {
            return;
        }
        SourceLocation at = SourceLocation.of(pack.toString());
        String k8s = config.get(ConfigKey.K8S_VERSION);
        String wantedName = k8s.isEmpty() ? "airgap-pack-kubernetes-<k8s_version>.bin" : KubernetesPack.fileNameFor(k8s);
        if (!Files.isRegularFile(pack)) {
            findings.add(Finding.error(ConfigKey.K8S_VERSION.key(), at, "the Kubernetes air-gap pack " + pack
                    + " does not exist", "give the path of " + wantedName));
            return;
        }
        Optional<String> version = KubernetesPack.versionOf(pack);
        if (version.isEmpty()) {
            findings.add(Finding.error(ConfigKey.K8S_VERSION.key(), at, "cannot tell the Kubernetes version of "
                    + pack.getFileName() + " from its name", "keep the vendor's name, " + wantedName));
        } else if (!k8s.isEmpty() && !version.get().equals(k8s)) {
            findings.add(Finding.error(ConfigKey.K8S_VERSION.key(), at, pack.getFileName() + " is the pack of "
                            + "Kubernetes " + version.get() + " but k8s_version is " + k8s + " ("
                            + config.locationOf(ConfigKey.K8S_VERSION) + ")",
                    "use " + wantedName + " from the vendor's additional packs"));
        }
        if (request.runKubernetesPack() && KubernetesPack.command(pack).isEmpty()) {
            findings.add(Finding.error(at, pack.getFileName() + " is neither executable nor a script with a #! line",
                    "run chmod +x " + pack));
        }
    }

    private void certificate() {
        Path cert = request.certificate();
        SourceLocation at = SourceLocation.of(cert.toString());
        String give = "give the support VM's certificate, " + AirgapRequest.DEFAULT_CERTIFICATE + " on the support VM";
        if (!Files.isRegularFile(cert)) {
            findings.add(Finding.error(at, "the support VM certificate " + cert + " does not exist", give));
            return;
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(cert);
        } catch (IOException e) {
            findings.add(Finding.error(at, "cannot read the support VM certificate " + cert + ": " + e.getMessage(),
                    "make it readable for this user"));
            return;
        }
        String text = new String(bytes, StandardCharsets.US_ASCII);
        if (text.contains("PRIVATE KEY-----")) {
            findings.add(Finding.error(at, cert + " holds a private key; the Yum repository serves this file to anyone "
                    + "who asks", "give only the certificate (server.crt), never its key"));
            return;
        }
        if (!text.contains("-----BEGIN CERTIFICATE-----")) {
            findings.add(Finding.error(at, cert + " is not a PEM certificate (no -----BEGIN CERTIFICATE----- block)",
                    "give the PEM file server.crt; convert a DER file with openssl x509 -inform der -in FILE -out server.crt"));
            return;
        }
        try {
            X509Certificate x = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(bytes));
            if (x.getNotAfter().toInstant().isBefore(Instant.now())) {
                findings.add(Finding.warning(at, cert + " expired on " + x.getNotAfter().toInstant()
                        + "; clients that check it will refuse the support VM", "renew the support VM's certificate"));
            }
        } catch (CertificateException | ClassCastException e) {
            findings.add(Finding.error(at, cert + " has a PEM block that is not a valid X.509 certificate: "
                    + e.getMessage(), give));
        }
    }

    private void yumPort() {
        int port = request.yumPort();
        SourceLocation at = SourceLocation.of("yum port " + port);
        boolean local = YumRepository.isLoopback(request.engineHost());
        Optional<String> orphan = docker == null ? Optional.empty() : YumRepository.orphanPublishing(docker, port);
        Optional<String> problem = orphan.isPresent() ? Optional.empty()
                : YumRepository.portProblem(docker, port, local);
        problem.ifPresent(p -> findings.add(Finding.error(at, "port " + port + " cannot be published for the Yum "
                + "repository: " + p, "stop what uses port " + port + ", or choose another free port for the Yum "
                + "repository")));
        orphan.ifPresent(o -> findings.add(new Finding(Severity.INFO, null, at,
                "port " + port + " is held by " + o + ", a Yum repository whose build is gone; it is removed "
                        + "before the new one starts", null)));
        if (port != YumRepository.DEFAULT_PORT && problem.isEmpty()) {
            findings.add(Finding.warning(at, "the vendor documents the Yum repository on port "
                    + YumRepository.DEFAULT_PORT + "; the builder may expect it there",
                    "use port " + YumRepository.DEFAULT_PORT + " unless your builder is set up for " + port));
        }
    }

    private void workFolder() {
        WorkFolder work = new WorkFolder(request.workDir());
        SourceLocation at = SourceLocation.of(work.root().toString());
        work.problem().ifPresent(p -> findings.add(Finding.error(at, "the air-gap work folder " + work.root() + " " + p,
                "give an empty folder of its own, or remove " + work.root())));
        Path source = request.source();
        if (work.root().startsWith(source) || (Files.isDirectory(source) && source.startsWith(work.root()))) {
            findings.add(Finding.error(at, "the air-gap work folder " + work.root() + " and the bundle " + source
                    + " overlap; the user's files must stay untouched", "put the work folder elsewhere"));
        }
    }
}
