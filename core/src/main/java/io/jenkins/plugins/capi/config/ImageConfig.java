package io.jenkins.plugins.capi.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable image configuration: the keys of one {@code imageconfig} file (plus overrides), in file order,
 * each with the place it came from. Empty values mean "unset" and are reported as absent by {@link #value}.
 *
 * <p>Values of secret keys ({@link ConfigKey#isSecret}) may be held (a user may write them into the file) but never
 * appear in {@link #toString()}; the writer takes the secrets to render from {@link io.jenkins.plugins.capi.secrets.BuildSecrets}.
 */
public final class ImageConfig {

    /** One key as written: its value (never null, possibly empty) and where it came from. */
    public record Entry(String key, String value, SourceLocation location) {
        public boolean isSet() {
            return !value.isEmpty();
        }

        @Override
        public String toString() {
            return key + "=" + (ConfigKey.isSecret(key) && isSet() ? "<redacted>" : value) + " @" + location;
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

    /** The file (or pseudo-source) this config was read from. */
    public String source() {
        return source;
    }

    /** Every key in file order, including unknown keys and empty ("unset") ones. */
    public Map<String, Entry> entries() {
        return entries;
    }

    public Optional<Entry> entry(ConfigKey key) {
        return entry(key.key());
    }

    public Optional<Entry> entry(String key) {
        return Optional.ofNullable(entries.get(key));
    }

    /** The value of {@code key}, or empty when the key is missing or its value is empty. */
    public Optional<String> value(ConfigKey key) {
        return value(key.key());
    }

    /** The value of a key by name (also unknown keys), or empty when it is missing or empty. */
    public Optional<String> value(String key) {
        Entry e = entries.get(key);
        return e == null || !e.isSet() ? Optional.empty() : Optional.of(e.value());
    }

    /** The value of {@code key} when it is set and not a placeholder left from the template. */
    public Optional<String> usableValue(ConfigKey key) {
        return value(key).filter(v -> !Placeholders.isPlaceholder(key.key(), v));
    }

    /** The secret keys written with a real value (names only; the values stay here). */
    public List<String> secretKeysSet() {
        return entries.values().stream()
                .filter(e -> e.isSet() && ConfigKey.isSecret(e.key()) && !Placeholders.isPlaceholder(e.key(), e.value()))
                .map(Entry::key)
                .toList();
    }

    /** The value or {@code ""}. */
    public String get(ConfigKey key) {
        return get(key.key());
    }

    public String get(String key) {
        return value(key).orElse("");
    }

    /** Where {@code key} was written, or the config's source when it is absent. */
    public SourceLocation locationOf(ConfigKey key) {
        return locationOf(key.key());
    }

    public SourceLocation locationOf(String key) {
        Entry e = entries.get(key);
        return e == null ? SourceLocation.of(source) : e.location();
    }

    public String osVersion() { return get(ConfigKey.OS_VERSION); }
    public String imageType() { return get(ConfigKey.IMAGE_TYPE); }
    public String imageName() { return get(ConfigKey.IMAGE_NAME); }
    public String cloudType() { return get(ConfigKey.CLOUD_TYPE); }
    public String k8sVersion() { return get(ConfigKey.K8S_VERSION); }
    public String cniVersion() { return get(ConfigKey.CNI_VERSION); }
    public String containerdVersion() { return get(ConfigKey.CONTAINERD_VERSION); }
    public String crictlVersion() { return get(ConfigKey.CRICTL_VERSION); }
    public String isoName() { return get(ConfigKey.ISO_NAME); }
    public String isoChecksum() { return get(ConfigKey.ISO_CHECKSUM); }
    public String vcenterServer() { return get(ConfigKey.VCENTER_SERVER); }
    public String vcenterUser() { return get(ConfigKey.VCENTER_USER); }
    public String vcenterDatacenter() { return get(ConfigKey.VCENTER_DATACENTER); }
    public String vcenterDatastore() { return get(ConfigKey.VCENTER_DATASTORE); }
    public String vcenterNetwork() { return get(ConfigKey.VCENTER_NETWORK); }
    public String vcenterFolder() { return get(ConfigKey.VCENTER_FOLDER); }
    public String vcenterCluster() { return get(ConfigKey.VCENTER_CLUSTER); }
    public String vcenterResourcePool() { return get(ConfigKey.VCENTER_RESOURCE_POOL); }
    public String vcenterTemplate() { return get(ConfigKey.VCENTER_TEMPLATE); }

    public boolean airgap() {
        return "true".equalsIgnoreCase(get(ConfigKey.AIRGAP));
    }

    /** A copy with {@code key} set to {@code value} at {@code location} (existing keys keep their position). */
    public ImageConfig with(ConfigKey key, String value, SourceLocation location) {
        return with(key.key(), value, location);
    }

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
                .append(ConfigKey.isSecret(e.key()) && e.isSet() ? "<redacted>" : e.value()));
        return b.append(']').toString();
    }
}
