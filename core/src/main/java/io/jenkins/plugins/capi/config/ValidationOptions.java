package io.jenkins.plugins.capi.config;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the validator needs to know beyond the file.
 *
 * @param compatibility  how the compatibility matrix is applied
 * @param builderVersion the builder release, e.g. {@code 4.6.24}; null when unknown
 * @param suppliedKeys   credential keys whose values are supplied outside the file (Jenkins credentials, the
 *                       environment); the file then need not hold them
 */
public record ValidationOptions(CompatibilityMode compatibility, String builderVersion, Set<ConfigKey> suppliedKeys) {

    public static final ValidationOptions DEFAULTS = new ValidationOptions(CompatibilityMode.WARN, null, Set.of());

    public ValidationOptions {
        Objects.requireNonNull(compatibility, "compatibility");
        if (builderVersion != null && BuilderVersion.parse(builderVersion).isEmpty()) {
            throw new IllegalArgumentException("builder version '" + builderVersion + "' is not X.Y.Z, e.g. 4.6.24");
        }
        suppliedKeys = suppliedKeys == null || suppliedKeys.isEmpty() ? Set.of()
                : Set.copyOf(EnumSet.copyOf(suppliedKeys));
    }

    public Optional<BuilderVersion> parsedBuilderVersion() {
        return BuilderVersion.parse(builderVersion);
    }

    public boolean supplied(ConfigKey key) {
        return suppliedKeys.contains(key);
    }
}
