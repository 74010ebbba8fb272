package io.jenkins.plugins.capi.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The 71-line layout of the vendor's {@code imageconfig} template: every key sits on the line number the vendor
 * guides highlight (e.g. {@code os_version} on line 4, {@code airgap} on line 64). The comments are our own words.
 */
public final class TemplateLayout {

    /** One line of the layout. */
    public sealed interface Line permits Comment, Blank, KeyLine {}

    /** A comment line; {@code text} is written after {@code "# "}. */
    public record Comment(String text) implements Line {}

    public record Blank() implements Line {}

    public record KeyLine(ConfigKey key) implements Line {}

    /** Number of lines the layout has, as in the vendor template. */
    public static final int LINE_COUNT = 71;

    private static final List<Line> LINES = build();

    private TemplateLayout() {}

    /** The lines, in order; line {@code n} of the file is element {@code n - 1}. */
    public static List<Line> lines() {
        return LINES;
    }

    /** The 1-based line on which {@code key} is written. */
    public static int lineOf(ConfigKey key) {
        for (int i = 0; i < LINES.size(); i++) {
            if (LINES.get(i) instanceof KeyLine k && k.key() == key) {
                return i + 1;
            }
        }
        throw new IllegalStateException("key missing from the layout: " + key);
    }

    private static List<Line> build() {
        List<Line> l = new ArrayList<>();
        c(l, "Operating system and image flavour");
        c(l, "os_version: rhel-8, rhel-9, rockylinux-8 or rockylinux-9");
        c(l, "image_type: standard or fips");
        k(l, ConfigKey.OS_VERSION);
        k(l, ConfigKey.IMAGE_TYPE);
        l.add(new Blank());
        c(l, "Name of the image; also the vSphere VM name and the output sub-folder");
        c(l, "image_name: letters, digits, dots, dashes and underscores");
        k(l, ConfigKey.IMAGE_NAME);
        l.add(new Blank());
        c(l, "Target cloud");
        c(l, "cloud_type: only vmware is supported");
        k(l, ConfigKey.CLOUD_TYPE);
        l.add(new Blank());
        c(l, "Component versions (X.Y.Z, no leading v)");
        c(l, "");
        c(l, "Change cni, containerd and crictl only to versions that the");
        c(l, "  upstream repositories (or the airgap yum repository) provide");
        k(l, ConfigKey.K8S_VERSION);
        k(l, ConfigKey.CNI_VERSION);
        k(l, ConfigKey.CONTAINERD_VERSION);
        k(l, ConfigKey.CRICTL_VERSION);
        l.add(new Blank());
        c(l, "Red Hat subscription, needed for RHEL images (connected builds,");
        c(l, "  and airgap builds with a builder older than 4.6.0)");
        k(l, ConfigKey.RHEL_SUBSCRIPTION_USER);
        k(l, ConfigKey.RHEL_SUBSCRIPTION_PASS);
        l.add(new Blank());
        c(l, "Install ISO: file name inside the output folder, and its SHA-256");
        k(l, ConfigKey.ISO_NAME);
        k(l, ConfigKey.ISO_CHECKSUM);
        l.add(new Blank());
        c(l, "AWS (reserved for future use; leave empty)");
        k(l, ConfigKey.AWS_ACCESS_KEY);
        k(l, ConfigKey.AWS_SECRET_KEY);
        l.add(new Blank());
        c(l, "VMware vSphere");
        k(l, ConfigKey.VCENTER_SERVER);
        k(l, ConfigKey.VCENTER_USER);
        k(l, ConfigKey.VCENTER_PASSWORD);
        k(l, ConfigKey.VCENTER_DATACENTER);
        k(l, ConfigKey.VCENTER_DATASTORE);
        k(l, ConfigKey.VCENTER_NETWORK);
        k(l, ConfigKey.VCENTER_FOLDER);
        k(l, ConfigKey.VCENTER_CLUSTER);
        k(l, ConfigKey.VCENTER_RESOURCE_POOL);
        l.add(new Blank());
        c(l, "Optional: clone this VM (with a snapshot) instead of installing from the ISO");
        k(l, ConfigKey.VCENTER_TEMPLATE);
        l.add(new Blank());
        c(l, "Azure (reserved for future use; leave empty)");
        k(l, ConfigKey.AZURE_CLIENT_ID);
        k(l, ConfigKey.AZURE_CLIENT_SECRET);
        k(l, ConfigKey.AZURE_SUBSCRIPTION_ID);
        k(l, ConfigKey.AZURE_LOCATION);
        k(l, ConfigKey.AZURE_STORAGE_ACCOUNT);
        k(l, ConfigKey.AZURE_RESOURCE_GROUP);
        l.add(new Blank());
        c(l, "Google Cloud (reserved for future use; leave empty)");
        k(l, ConfigKey.GOOGLE_APP_CREDS);
        k(l, ConfigKey.GCP_PROJECT_ID);
        l.add(new Blank());
        c(l, "Air-gapped builds");
        k(l, ConfigKey.AIRGAP);
        k(l, ConfigKey.AIRGAP_IP);
        k(l, ConfigKey.K8S_RPM_KEY);
        k(l, ConfigKey.K8S_RPM_SERVER);
        k(l, ConfigKey.CONTAINERD_URL);
        k(l, ConfigKey.CRICTL_URL);
        k(l, ConfigKey.K8S_CONTAINER_REG);
        k(l, ConfigKey.CERT_URL);
        if (l.size() != LINE_COUNT) {
            throw new IllegalStateException("template layout has " + l.size() + " lines");
        }
        return Collections.unmodifiableList(l);
    }

    private static void c(List<Line> lines, String text) {
        lines.add(new Comment(text));
    }

    private static void k(List<Line> lines, ConfigKey key) {
        lines.add(new KeyLine(key));
    }
}
