package io.jenkins.plugins.capi.config;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Every key the vendor documents for {@code imageconfig}, with the section it belongs to, whether its value is a
 * secret, whether it is reserved for a future provider, and the spellings older documents used for it.
 */
public enum ConfigKey {
    OS_VERSION("os_version", Section.OS, Flag.NONE, "os_versions"),
    IMAGE_TYPE("image_type", Section.OS, Flag.NONE),
    IMAGE_NAME("image_name", Section.IMAGE, Flag.NONE),
    CLOUD_TYPE("cloud_type", Section.CLOUD, Flag.NONE),
    K8S_VERSION("k8s_version", Section.VERSIONS, Flag.NONE),
    CNI_VERSION("cni_version", Section.VERSIONS, Flag.NONE),
    CONTAINERD_VERSION("containerd_version", Section.VERSIONS, Flag.NONE),
    CRICTL_VERSION("crictl_version", Section.VERSIONS, Flag.NONE),
    // The template prints a hyphen; very old guides print a search-and-replace accident.
    RHEL_SUBSCRIPTION_USER("rhel_subscription_user", Section.RHEL, Flag.NONE,
            "rhel_subscription-user", "rhel_subscripocky-8user"),
    RHEL_SUBSCRIPTION_PASS("rhel_subscription_pass", Section.RHEL, Flag.SECRET),
    ISO_NAME("iso_name", Section.ISO, Flag.NONE),
    ISO_CHECKSUM("iso_checksum", Section.ISO, Flag.NONE),
    AWS_ACCESS_KEY("aws_access_key", Section.AWS, Flag.RESERVED),
    AWS_SECRET_KEY("aws_secret_key", Section.AWS, Flag.RESERVED_SECRET),
    VCENTER_SERVER("vcenter_server", Section.VSPHERE, Flag.NONE),
    VCENTER_USER("vcenter_user", Section.VSPHERE, Flag.NONE),
    VCENTER_PASSWORD("vcenter_password", Section.VSPHERE, Flag.SECRET),
    VCENTER_DATACENTER("vcenter_datacenter", Section.VSPHERE, Flag.NONE),
    VCENTER_DATASTORE("vcenter_datastore", Section.VSPHERE, Flag.NONE),
    VCENTER_NETWORK("vcenter_network", Section.VSPHERE, Flag.NONE),
    VCENTER_FOLDER("vcenter_folder", Section.VSPHERE, Flag.NONE),
    VCENTER_CLUSTER("vcenter_cluster", Section.VSPHERE, Flag.NONE),
    VCENTER_RESOURCE_POOL("vcenter_resource_pool", Section.VSPHERE, Flag.NONE),
    VCENTER_TEMPLATE("vcenter_template", Section.VSPHERE_TEMPLATE, Flag.NONE),
    AZURE_CLIENT_ID("azure_client_id", Section.AZURE, Flag.RESERVED),
    AZURE_CLIENT_SECRET("azure_client_secret", Section.AZURE, Flag.RESERVED_SECRET),
    AZURE_SUBSCRIPTION_ID("azure_subscription_id", Section.AZURE, Flag.RESERVED),
    AZURE_LOCATION("azure_location", Section.AZURE, Flag.RESERVED),
    AZURE_STORAGE_ACCOUNT("azure_storage_account", Section.AZURE, Flag.RESERVED),
    AZURE_RESOURCE_GROUP("azure_resource_group", Section.AZURE, Flag.RESERVED),
    GOOGLE_APP_CREDS("google_app_creds", Section.GCP, Flag.RESERVED),
    GCP_PROJECT_ID("gcp_project_id", Section.GCP, Flag.RESERVED),
    AIRGAP("airgap", Section.AIRGAP, Flag.NONE),
    AIRGAP_IP("airgap_ip", Section.AIRGAP, Flag.NONE),
    K8S_RPM_KEY("k8s_rpm_key", Section.AIRGAP, Flag.NONE),
    K8S_RPM_SERVER("k8s_rpm_server", Section.AIRGAP, Flag.NONE),
    CONTAINERD_URL("containerd_url", Section.AIRGAP, Flag.NONE),
    CRICTL_URL("crictl_url", Section.AIRGAP, Flag.NONE),
    K8S_CONTAINER_REG("k8s_container_reg", Section.AIRGAP, Flag.NONE),
    CERT_URL("cert_url", Section.AIRGAP, Flag.NONE);

    /** The template's groups of keys, in template order. */
    public enum Section { OS, IMAGE, CLOUD, VERSIONS, RHEL, ISO, AWS, VSPHERE, VSPHERE_TEMPLATE, AZURE, GCP, AIRGAP }

    private enum Flag {
        NONE(false, false), SECRET(true, false), RESERVED(false, true), RESERVED_SECRET(true, true);

        final boolean secret;
        final boolean reserved;

        Flag(boolean secret, boolean reserved) {
            this.secret = secret;
            this.reserved = reserved;
        }
    }

    private static final Map<String, ConfigKey> BY_NAME;
    private static final Map<String, ConfigKey> BY_LEGACY_NAME;

    static {
        Map<String, ConfigKey> byName = new LinkedHashMap<>();
        Map<String, ConfigKey> byLegacy = new LinkedHashMap<>();
        for (ConfigKey k : values()) {
            byName.put(k.key, k);
            k.legacyNames.forEach(l -> byLegacy.put(l, k));
        }
        BY_NAME = Collections.unmodifiableMap(byName);
        BY_LEGACY_NAME = Collections.unmodifiableMap(byLegacy);
    }

    private final String key;
    private final Section section;
    private final Flag flag;
    private final List<String> legacyNames;

    ConfigKey(String key, Section section, Flag flag, String... legacyNames) {
        this.key = key;
        this.section = section;
        this.flag = flag;
        this.legacyNames = List.of(legacyNames);
    }

    /** The name as written in the file, e.g. {@code k8s_version}. */
    public String key() {
        return key;
    }

    /** The key as written, so that a key in a message reads like the file. */
    @Override
    public String toString() {
        return key;
    }

    public Section section() {
        return section;
    }

    /** A secret: never printed, logged or put into a finding. */
    public boolean secret() {
        return flag.secret;
    }

    /** Documented as "reserved for future use" (AWS, Azure, GCP): must stay empty. */
    public boolean reserved() {
        return flag.reserved;
    }

    /** Spellings older documents used; read with a warning and normalised to {@link #key()}. */
    public List<String> legacyNames() {
        return legacyNames;
    }

    /** The key written exactly as {@code name}. */
    public static Optional<ConfigKey> byName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /** The key for which {@code name} is a legacy spelling. */
    public static Optional<ConfigKey> byLegacyName(String name) {
        return Optional.ofNullable(BY_LEGACY_NAME.get(name));
    }

    public static boolean isKnown(String name) {
        return BY_NAME.containsKey(name);
    }

    /**
     * Whether the value of {@code name} must be treated as secret: a documented secret key, or an unknown key that
     * looks like one: a misspelt {@code vcenter_pasword} still holds a password, and {@code api_key},
     * {@code ssh_private_key} or {@code my_api_token} are secrets whatever the builder does with them. This is the one
     * rule: rendering, masking, overrides and findings all ask it.
     */
    public static boolean isSecret(String name) {
        ConfigKey k = BY_NAME.get(name);
        if (k != null) {
            return k.secret();
        }
        String lower = name.toLowerCase(Locale.ROOT).replace('-', '_');
        for (String word : SECRET_WORDS) {
            if (lower.contains(word)) {
                return true;
            }
        }
        if (lower.endsWith("_key") || lower.equals("key")) {
            return true;
        }
        return closest(name).map(ConfigKey::secret).orElse(false);
    }

    private static final List<String> SECRET_WORDS = List.of("pass", "secret", "token", "cred", "private", "apikey",
            "api_key", "auth");

    /**
     * The documented key closest to a misspelt {@code name}, if it is close enough to be a plausible typo
     * (case-insensitive edit distance of at most a third of the length, and at most 3).
     */
    public static Optional<ConfigKey> closest(String name) {
        String lower = name.toLowerCase(Locale.ROOT).replace('-', '_');
        ConfigKey best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (ConfigKey k : values()) {
            for (String candidate : candidatesOf(k)) {
                int d = EditDistance.between(lower, candidate);
                if (d < bestDistance) {
                    bestDistance = d;
                    best = k;
                }
            }
        }
        int allowed = Math.min(3, Math.max(1, lower.length() / 3));
        return bestDistance <= allowed ? Optional.of(best) : Optional.empty();
    }

    private static List<String> candidatesOf(ConfigKey k) {
        String[] all = new String[k.legacyNames.size() + 1];
        all[0] = k.key;
        for (int i = 0; i < k.legacyNames.size(); i++) {
            all[i + 1] = k.legacyNames.get(i).replace('-', '_');
        }
        return Arrays.asList(all);
    }
}
