package io.jenkins.plugins.capi.config;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A CAPI Image Builder release such as 4.6.24, as found in the builder image's tag. */
public record BuilderVersion(int major, int minor, int patch) implements Comparable<BuilderVersion> {

    /** From this release on, RHEL air-gapped builds need no subscription credentials. */
    public static final BuilderVersion AIRGAP_WITHOUT_RHEL_CREDENTIALS = new BuilderVersion(4, 6, 0);

    private static final Pattern VERSION = Pattern.compile("v?(\\d{1,4})\\.(\\d{1,4})\\.(\\d{1,4})");

    /** {@code 4.6.24} or {@code v4.6.24}; anything else is empty. */
    public static Optional<BuilderVersion> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = VERSION.matcher(text.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new BuilderVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3))));
    }

    /**
     * The version named by a builder image reference: the tag ({@code …/capi-builder:v4.6.24}), or, for the
     * 4.6.24 air-gap archive that loads as {@code localhost/v4.6.24:latest}, the last path segment.
     */
    public static Optional<BuilderVersion> fromImageReference(String reference) {
        if (reference == null || reference.isBlank()) {
            return Optional.empty();
        }
        String ref = reference.strip();
        int digest = ref.indexOf('@');
        if (digest >= 0) {
            ref = ref.substring(0, digest);
        }
        int slash = ref.lastIndexOf('/');
        int colon = ref.lastIndexOf(':');
        String repository = ref;
        if (colon > slash) {
            Optional<BuilderVersion> fromTag = parse(ref.substring(colon + 1));
            if (fromTag.isPresent()) {
                return fromTag;
            }
            repository = ref.substring(0, colon);
        }
        return parse(repository.substring(repository.lastIndexOf('/') + 1));
    }

    @Override
    public int compareTo(BuilderVersion o) {
        int c = Integer.compare(major, o.major);
        if (c == 0) {
            c = Integer.compare(minor, o.minor);
        }
        return c != 0 ? c : Integer.compare(patch, o.patch);
    }

    public boolean isBefore(BuilderVersion other) {
        return compareTo(other) < 0;
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch;
    }
}
