package io.jenkins.plugins.capi.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An immutable image configuration: the keys of one {@code imageconfig} file (plus overrides), in file order,
 * each with the place it came from. Empty values mean "unset" and are reported as absent by {@link #value}.
 *
 * <p>Values of secret keys ({@link #SECRET_KEYS}) may be held (a user may write them into the file) but never
 * appear in {@link #toString()}; the writer takes the secrets to render from {@link io.jenkins.plugins.capi.secrets.BuildSecrets}.
 */
public final class ImageConfig {

    public static final String OS_VERSION = "os_version";
    public static final String IMAGE_TYPE = "image_type";
    public static final String IMAGE_NAME = "image_name";
    public static final String CLOUD_TYPE = "cloud_type";
    public static final String K8S_VERSION = "k8s_version";
    public static final String CNI_VERSION = "cni_version";
    public static final String CONTAINERD_VERSION = "containerd_version";
    public static final String CRICTL_VERSION = "crictl_version";
    public static final String RHEL_SUBSCRIPTION_USER = "rhel_subscription_user";
    public static final String RHEL_SUBSCRIPTION_PASS = "rhel_subscription_pass";
    public static final String ISO_NAME = "iso_name";
    public static final String ISO_CHECKSUM = "iso_checksum";
    public static final String AWS_ACCESS_KEY = "aws_access_key";
    public static final String AWS_SECRET_KEY = "aws_secret_key";
    public static final String VCENTER_SERVER = "vcenter_server";
    public static final String VCENTER_USER = "vcenter_user";
    public static final String VCENTER_PASSWORD = "vcenter_password";
    public static final String VCENTER_DATACENTER = "vcenter_datacenter";
    public static final String VCENTER_DATASTORE = "vcenter_datastore";
    public static final String VCENTER_NETWORK = "vcenter_network";
    public static final String VCENTER_FOLDER = "vcenter_folder";
    public static final String VCENTER_CLUSTER = "vcenter_cluster";
    public static final String VCENTER_RESOURCE_POOL = "vcenter_resource_pool";
    public static final String VCENTER_TEMPLATE = "vcenter_template";
    public static final String AZURE_CLIENT_ID = "azure_client_id";
    public static final String AZURE_CLIENT_SECRET = "azure_client_secret";
    public static final String AZURE_SUBSCRIPTION_ID = "azure_subscription_id";
    public static final String AZURE_LOCATION = "azure_location";
    public static final String AZURE_STORAGE_ACCOUNT = "azure_storage_account";
    public static final String AZURE_RESOURCE_GROUP = "azure_resource_group";
    public static final String GOOGLE_APP_CREDS = "google_app_creds";
    public static final String GCP_PROJECT_ID = "gcp_project_id";
    public static final String AIRGAP = "airgap";
    public static final String AIRGAP_IP = "airgap_ip";
    public static final String K8S_RPM_KEY = "k8s_rpm_key";
    public static final String K8S_RPM_SERVER = "k8s_rpm_server";
    public static final String CONTAINERD_URL = "containerd_url";
    public static final String CRICTL_URL = "crictl_url";
    public static final String K8S_CONTAINER_REG = "k8s_container_reg";
    public static final String CERT_URL = "cert_url";

    /** Keys whose values are secrets: never printed, logged, serialised or put into an exception. */
    public static final Set<String> SECRET_KEYS = Set.of(
            VCENTER_PASSWORD, RHEL_SUBSCRIPTION_PASS, AWS_SECRET_KEY, AZURE_CLIENT_SECRET);

    /** One key as written: its value (never null, possibly empty) and where it came from. */
    public record Entry(String key, String value, SourceLocation location) {
        public boolean isSet() {
            return !value.isEmpty();
        }

        @Override
        public String toString() {
            return key + "=" + (isSecretKey(key) && isSet() ? "<redacted>" : value) + " @" + location;
        }
    }

    private final String source;
    private final Map<String, Entry> entries;

    public ImageConfig(String source, Map<String, Entry> entries) {
        this.source = source;
        this.entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    /** A config built from plain values (tests, programmatic use); locations point at {@code source}. */
    public static ImageConfig of(String source, Map<String, String> values) {
        Map<String, Entry> e = new LinkedHashMap<>();
        values.forEach((k, v) -> e.put(k, new Entry(k, v == null ? "" : v, SourceLocation.of(source))));
        return new ImageConfig(source, e);
    }

    /**
     * A documented secret key, or an unknown key that looks like one (a misspelt {@code vcenter_pasword}, or a name
     * with "pass", "secret", "token" or "cred" in it): its value is redacted the same way.
     */
    public static boolean isSecretKey(String key) {
        return SECRET_KEYS.contains(key) || ConfigKey.isSecret(key);
    }

    /** The file (or pseudo-source) this config was read from. */
    public String source() {
        return source;
    }

    /** Every key in file order, including unknown keys and empty ("unset") ones. */
    public Map<String, Entry> entries() {
        return entries;
    }

    public Optional<Entry> entry(String key) {
        return Optional.ofNullable(entries.get(key));
    }

    /** The value of {@code key}, or empty when the key is missing or its value is empty. */
    public Optional<String> value(String key) {
        Entry e = entries.get(key);
        return e == null || !e.isSet() ? Optional.empty() : Optional.of(e.value());
    }

    /** The value or {@code ""}. */
    public String get(String key) {
        return value(key).orElse("");
    }

    /** Where {@code key} was written, or the config's source when it is absent. */
    public SourceLocation locationOf(String key) {
        Entry e = entries.get(key);
        return e == null ? SourceLocation.of(source) : e.location();
    }

    public String osVersion() { return get(OS_VERSION); }
    public String imageType() { return get(IMAGE_TYPE); }
    public String imageName() { return get(IMAGE_NAME); }
    public String cloudType() { return get(CLOUD_TYPE); }
    public String k8sVersion() { return get(K8S_VERSION); }
    public String cniVersion() { return get(CNI_VERSION); }
    public String containerdVersion() { return get(CONTAINERD_VERSION); }
    public String crictlVersion() { return get(CRICTL_VERSION); }
    public String isoName() { return get(ISO_NAME); }
    public String isoChecksum() { return get(ISO_CHECKSUM); }
    public String vcenterServer() { return get(VCENTER_SERVER); }
    public String vcenterUser() { return get(VCENTER_USER); }
    public String vcenterDatacenter() { return get(VCENTER_DATACENTER); }
    public String vcenterDatastore() { return get(VCENTER_DATASTORE); }
    public String vcenterNetwork() { return get(VCENTER_NETWORK); }
    public String vcenterFolder() { return get(VCENTER_FOLDER); }
    public String vcenterCluster() { return get(VCENTER_CLUSTER); }
    public String vcenterResourcePool() { return get(VCENTER_RESOURCE_POOL); }
    public String vcenterTemplate() { return get(VCENTER_TEMPLATE); }

    public boolean airgap() {
        return "true".equalsIgnoreCase(get(AIRGAP));
    }

    /** A copy with {@code key} set to {@code value} at {@code location} (existing keys keep their position). */
    public ImageConfig with(String key, String value, SourceLocation location) {
        Map<String, Entry> copy = new LinkedHashMap<>(entries);
        copy.put(key, new Entry(key, value == null ? "" : value, location));
        return new ImageConfig(source, copy);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ImageConfig other && source.equals(other.source) && entries.equals(other.entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }

    /** Keys and values with every secret shown as {@code <redacted>}. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("ImageConfig[").append(source);
        entries.values().forEach(e -> b.append(", ").append(e.key()).append('=')
                .append(isSecretKey(e.key()) && e.isSet() ? "<redacted>" : e.value()));
        return b.append(']').toString();
    }
}
