package io.jenkins.plugins.capi.container;

import io.jenkins.plugins.capi.config.BuilderVersion;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A container image reference as the Docker engine reads it: {@code [registry[:port]/]repository[:tag][@digest]}.
 * The first component is a registry when it has a dot or a colon, is {@code localhost}, or has upper-case letters
 * (Docker's own rule); otherwise the image is on Docker Hub.
 *
 * @param registry   the registry host, {@code docker.io} for Docker Hub names
 * @param repository the repository path, e.g. {@code palette-images/palette/imagebuilder/capi-builder}
 * @param tag        the tag, or null
 * @param digest     the digest ({@code sha256:…}), or null
 */
public record ImageReference(String registry, String repository, String tag, String digest) {

    public static final String DOCKER_HUB = "docker.io";
    private static final String EXAMPLE = "us-docker.pkg.dev/palette-images/palette/imagebuilder/capi-builder:v4.6.24";
    private static final Pattern DOMAIN = Pattern.compile(
            "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*"
                    + "(?::[0-9]{1,5})?");
    private static final Pattern PATH_COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    private static final Pattern DIGEST = Pattern.compile("sha256:[a-f0-9]{64}");
    private static final int MAX_NAME_LENGTH = 255;

    /**
     * @throws IllegalArgumentException with a message that names the problem and the fix (it may quote the reference:
     *         an image reference is not a secret)
     */
    public static ImageReference parse(String reference) {
        String r = reference == null ? "" : reference.strip();
        if (r.isEmpty()) {
            throw new IllegalArgumentException("the image reference is empty; write one such as " + EXAMPLE);
        }
        int bad = firstForbidden(r);
        if (bad >= 0) {
            throw new IllegalArgumentException("the image reference '" + r + "' contains "
                    + describe(r.charAt(bad)) + ", which no image reference may hold; write one such as " + EXAMPLE);
        }
        String digest = null;
        int at = r.indexOf('@');
        if (at >= 0) {
            digest = r.substring(at + 1);
            r = r.substring(0, at);
            if (!DIGEST.matcher(digest).matches()) {
                throw new IllegalArgumentException("the digest of the image reference must be sha256: and 64 lower-case"
                        + " hex digits");
            }
        }
        String tag = null;
        int lastSlash = r.lastIndexOf('/');
        int colon = r.lastIndexOf(':');
        if (colon > lastSlash) {
            tag = r.substring(colon + 1);
            r = r.substring(0, colon);
            if (!TAG.matcher(tag).matches()) {
                throw new IllegalArgumentException("the tag '" + tag + "' of the image reference is not valid: a tag"
                        + " is up to 128 letters, digits, '_', '.' and '-', not starting with '.' or '-'");
            }
        }
        if (r.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("the image name is " + r.length() + " characters long; at most "
                    + MAX_NAME_LENGTH + " are allowed");
        }
        String registry = DOCKER_HUB;
        String repository = r;
        int slash = r.indexOf('/');
        if (slash > 0) {
            String first = r.substring(0, slash);
            if (first.contains(".") || first.contains(":") || first.equals("localhost")
                    || !first.equals(first.toLowerCase(Locale.ROOT))) {
                if (!DOMAIN.matcher(first).matches()) {
                    throw new IllegalArgumentException("the registry '" + first + "' of the image reference is not a"
                            + " valid host[:port]");
                }
                registry = first;
                repository = r.substring(slash + 1);
            }
        }
        // A first component taken as a registry only for its capitals is more likely a mistyped repository.
        boolean capitalsOnly = !registry.equals(DOCKER_HUB) && !registry.contains(".") && !registry.contains(":")
                && !registry.equals("localhost");
        for (String component : repository.split("/", -1)) {
            if (!PATH_COMPONENT.matcher(component).matches()) {
                String lower = (capitalsOnly ? registry + "/" + repository : repository).toLowerCase(Locale.ROOT);
                String prefix = registry.equals(DOCKER_HUB) || capitalsOnly ? "" : registry + "/";
                throw new IllegalArgumentException(!component.equals(component.toLowerCase(Locale.ROOT))
                        && PATH_COMPONENT.matcher(component.toLowerCase(Locale.ROOT)).matches()
                        ? "the repository '" + repository + "' of the image reference must be lower case: write "
                                + prefix + lower + (tag == null ? "" : ":" + tag)
                        : "the repository '" + repository + "' of the image reference is not valid: each part between"
                                + " slashes is lower-case letters and digits, separated by '.', '_' or '-'");
            }
        }
        return new ImageReference(registry, repository, tag, digest);
    }

    /** Why {@code reference} is not a valid image reference, or empty when it is one. */
    public static Optional<String> problem(String reference) {
        try {
            parse(reference);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** The builder release the tag names ({@code v4.6.24}), if it names one. */
    public Optional<BuilderVersion> builderVersion() {
        return tag == null ? Optional.empty() : BuilderVersion.parse(tag.startsWith("v") ? tag.substring(1) : tag);
    }

    public boolean onDockerHub() {
        return registry.equals(DOCKER_HUB);
    }

    private static int firstForbidden(String r) {
        for (int i = 0; i < r.length(); i++) {
            char c = r.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "._-/:@".indexOf(c) >= 0;
            if (!ok) {
                return i;
            }
        }
        return -1;
    }

    private static String describe(char c) {
        return Character.isWhitespace(c) || Character.isISOControl(c) ? String.format("U+%04X", (int) c) : "'" + c + "'";
    }

    @Override
    public String toString() {
        return (onDockerHub() ? "" : registry + "/") + repository + (tag == null ? "" : ":" + tag)
                + (digest == null ? "" : "@" + digest);
    }
}
