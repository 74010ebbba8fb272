package io.jenkins.plugins.capi.publish;

import io.jenkins.plugins.capi.config.ConfigKey;
import io.jenkins.plugins.capi.config.ImageConfig;
import io.jenkins.plugins.capi.vsphere.VsphereTls;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One vCenter to publish to: where (the {@code vcenter_*} keys of an imageconfig, or of a target file written
 * the same way), who (user and password), how to trust it, and optionally a content library. {@link #toString()}
 * never shows the password.
 *
 * @param label          how results and findings name this target (its file, or "imageconfig")
 * @param place          the {@code vcenter_*} values, with the places they were written (for findings)
 * @param contentLibrary a local content library to publish an OVF item to as well; null for none
 */
public record PublishTarget(String label, ImageConfig place, String user, String password, VsphereTls tls,
                            String contentLibrary) {

    /** Target-file key: the content library of this target. */
    public static final String CONTENT_LIBRARY_KEY = "content_library";
    /** Target-file key: a PEM file with this vCenter's CA (relative paths start at the target file's folder). */
    public static final String CA_FILE_KEY = "vcenter_ca_file";

    public PublishTarget {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(place, "place");
        tls = tls == null ? VsphereTls.VERIFY : tls;
        contentLibrary = contentLibrary == null || contentLibrary.isBlank() ? null : contentLibrary.strip();
    }

    /**
     * A target described by an imageconfig or a target file. The file's {@code vcenter_user}/{@code vcenter_password}
     * win over the ones given; its {@code vcenter_ca_file} and {@code content_library} over the defaults.
     */
    public static PublishTarget of(ImageConfig place, String user, String password, VsphereTls tls,
                                   String contentLibrary) {
        String fileUser = place.value(ConfigKey.VCENTER_USER).filter(s -> !s.isBlank()).orElse(null);
        String filePassword = place.value(ConfigKey.VCENTER_PASSWORD).filter(s -> !s.isEmpty()).orElse(null);
        VsphereTls trust = tls;
        String ca = place.value(CA_FILE_KEY).filter(s -> !s.isBlank()).orElse(null);
        if (ca != null) {
            Path p = Path.of(ca.strip());
            Path dir = Path.of(place.source()).toAbsolutePath().getParent();
            trust = new VsphereTls(p.isAbsolute() || dir == null ? p : dir.resolve(p), false);
        }
        return new PublishTarget(place.source(), place, fileUser != null ? fileUser : user,
                filePassword != null ? filePassword : password, trust,
                place.value(CONTENT_LIBRARY_KEY).filter(s -> !s.isBlank()).orElse(contentLibrary));
    }

    public String server() {
        return place.vcenterServer().strip();
    }

    @Override
    public String toString() {
        return "PublishTarget[" + label + ", server=" + server() + ", user=" + user + ", password="
                + (password == null ? "null" : "<redacted>") + ", contentLibrary=" + contentLibrary + "]";
    }
}
