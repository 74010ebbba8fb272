package io.jenkins.plugins.capi.imagebuild;

import io.jenkins.plugins.capi.config.Finding;
import io.jenkins.plugins.capi.config.Setting;
import io.jenkins.plugins.capi.config.SourceLocation;
import io.jenkins.plugins.capi.container.EngineHost;
import io.jenkins.plugins.capi.container.ImageReference;
import io.jenkins.plugins.capi.vsphere.VsphereTls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The checks on a build's settings outside the imageconfig (image, engine, folders, durations, vCenter trust), all at
 * once and before anything is read, changed or started. Each finding names its {@link Setting}; front ends show
 * their own name for it.
 */
public final class RequestChecks {

    /** Longer than any Packer clean-up needs; a typo such as 5h would leave a stuck container for hours. */
    public static final Duration MAX_STOP_GRACE = Duration.ofHours(1);

    private RequestChecks() {}

    public static List<Finding> check(BuildRequest r) {
        List<Finding> findings = new ArrayList<>();
        // ImageReference's messages end with the fix already.
        ImageReference.problem(r.builderImage()).ifPresent(p -> findings.add(error(Setting.BUILDER_IMAGE, p, null)));
        EngineHost.problem(r.dockerHost()).ifPresent(p -> findings.add(error(Setting.DOCKER_HOST, p, null)));
        if (r.timeout().isNegative() || r.timeout().isZero()) {
            findings.add(error(Setting.TIMEOUT, "the time limit must be longer than 0",
                    "a vSphere build takes 30 to 60 minutes; give it e.g. 3 hours"));
        }
        if (r.stopGrace().isNegative()) {
            findings.add(error(Setting.STOP_GRACE, "the stop grace period must not be negative",
                    "give Packer time to destroy its VM, e.g. 5 minutes"));
        } else if (r.stopGrace().compareTo(MAX_STOP_GRACE) > 0) {
            findings.add(error(Setting.STOP_GRACE, "the stop grace period is longer than "
                    + MAX_STOP_GRACE.toMinutes() + " minutes", "5 minutes is enough for Packer's clean-up"));
        }
        Path out = r.outputDir();
        if (Files.exists(out) && !Files.isDirectory(out)) {
            findings.add(error(Setting.OUTPUT_DIR, out + " is a file, not a folder",
                    "give a folder (it is created when missing)"));
        } else if (!Files.exists(out) && out.toAbsolutePath().getParent() != null
                && Files.isRegularFile(out.toAbsolutePath().getParent())) {
            findings.add(error(Setting.OUTPUT_DIR, out.toAbsolutePath().getParent() + " is a file, so " + out
                    + " cannot be created", "give a folder below an existing folder"));
        }
        if (r.imageArchive() != null) {
            Path a = r.imageArchive();
            if (!Files.isRegularFile(a)) {
                findings.add(error(Setting.IMAGE_ARCHIVE, a + (Files.isDirectory(a) ? " is a folder" : " does not exist")
                        + "; the image archive is a file made by docker save", null));
            } else if (!Files.isReadable(a)) {
                findings.add(error(Setting.IMAGE_ARCHIVE, a + " cannot be read (permission denied)", null));
            }
        }
        findings.addAll(vcenterTrust(r.vsphereTls()));
        return List.copyOf(findings);
    }

    /** The CA file exists and is readable, and is not combined with switching verification off. */
    public static List<Finding> vcenterTrust(VsphereTls tls) {
        List<Finding> findings = new ArrayList<>();
        Path ca = tls.caFile();
        if (ca != null) {
            if (tls.insecure()) {
                findings.add(error(Setting.VCENTER_TRUST, "a CA file is given and certificate verification is"
                        + " switched off; only one of them makes sense", "keep the CA file and verify the certificate"));
            }
            if (!Files.isRegularFile(ca)) {
                findings.add(error(Setting.VCENTER_TRUST, "the CA file " + ca + (Files.isDirectory(ca)
                        ? " is a folder" : " does not exist"), "give the PEM file with vCenter's CA certificate"));
            } else if (!Files.isReadable(ca)) {
                findings.add(error(Setting.VCENTER_TRUST, "the CA file " + ca + " cannot be read (permission denied)",
                        null));
            }
        }
        return findings;
    }

    private static Finding error(Setting setting, String message, String hint) {
        return Finding.error(SourceLocation.of(setting.label()), message, hint).about(setting);
    }
}
