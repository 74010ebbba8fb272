package io.jenkins.plugins.capi.config;

import java.util.Objects;
import java.util.Optional;

/**
 * What the validator needs to know beyond the file.
 *
 * @param compatibility              how the compatibility matrix is applied
 * @param builderVersion             the builder release, e.g. {@code 4.6.24}; null when unknown
 * @param vcenterCredentialsSupplied vCenter user and password come from Jenkins or the environment
 * @param rhelCredentialsSupplied    RHEL subscription user and password come from Jenkins or the environment
 */
public record ValidationOptions(CompatibilityMode compatibility, String builderVersion,
                                boolean vcenterCredentialsSupplied, boolean rhelCredentialsSupplied) {

    public static final ValidationOptions DEFAULTS = new ValidationOptions(CompatibilityMode.WARN, null, false, false);

    public ValidationOptions {
        Objects.requireNonNull(compatibility, "compatibility");
        if (builderVersion != null && BuilderVersion.parse(builderVersion).isEmpty()) {
            throw new IllegalArgumentException("builder version '" + builderVersion + "' is not X.Y.Z, e.g. 4.6.24");
        }
    }

    public Optional<BuilderVersion> parsedBuilderVersion() {
        return BuilderVersion.parse(builderVersion);
    }
}
