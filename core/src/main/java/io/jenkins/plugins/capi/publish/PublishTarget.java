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
     * The imageconfig's own vCenter as a target, with credentials already resolved by the caller (supplied ones
     * win over the file's: that rule lives with the credentials, not here).
     */
    public static PublishTarget of(ImageConfig place, String user, String password, VsphereTls tls,
                                   String contentLibrary) {
        return new PublishTarget(place.source(), place, user, password, tls, contentLibrary);
    }

    /**
     * A target file: the {@code vcenter_*} keys of an imageconfig, for another vCenter. Its own
     * {@code vcenter_user}, {@code vcenter_password}, {@code vcenter_ca_file} and {@code content_library} are
     * that target's; what it leaves out is taken from the defaults given (the imageconfig's vCenter's).
     */
    public static PublishTarget fromFile(ImageConfig file, String defaultUser, String defaultPassword,
                                         VsphereTls defaultTls, String defaultContentLibrary) {
        String fileUser = file.value(ConfigKey.VCENTER_USER).filter(s -> !s.isBlank()).orElse(null);
        String filePassword = file.value(ConfigKey.VCENTER_PASSWORD).filter(s -> !s.isEmpty()).orElse(null);
        VsphereTls trust = defaultTls;
        String ca = file.value(CA_FILE_KEY).filter(s -> !s.isBlank()).orElse(null);
        if (ca != null) {
            Path p = Path.of(ca.strip());
            Path dir = Path.of(file.source()).toAbsolutePath().getParent();
            trust = new VsphereTls(p.isAbsolute() || dir == null ? p : dir.resolve(p), false);
        }
        return new PublishTarget(file.source(), file, fileUser != null ? fileUser : defaultUser,
                filePassword != null ? filePassword : defaultPassword, trust,
                file.value(CONTENT_LIBRARY_KEY).filter(s -> !s.isBlank()).orElse(defaultContentLibrary));
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
