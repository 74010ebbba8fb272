package io.jenkins.plugins.capi.jenkins.masking;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Replaces secret values in text with {@code ****}. Controller side only: it holds the secrets in memory and is
 * deliberately not {@link java.io.Serializable}.
 *
 * <p>Longer secrets are tried first, so a secret that contains another one is masked whole rather than
 * leaving its remainder visible. Empty values are ignored (they would match everywhere).
 */
public final class SecretMask {

    public static final String REPLACEMENT = "****";
    private static final SecretMask NONE = new SecretMask(null);

    private final Pattern pattern;

    private SecretMask(Pattern pattern) {
        this.pattern = pattern;
    }

    public static SecretMask of(Collection<String> secrets) {
        List<String> values = secrets.stream()
                .filter(Objects::nonNull)
                .filter(s -> !s.isEmpty())
                .distinct()
                .sorted(Comparator.comparingInt(String::length).reversed())
                .toList();
        if (values.isEmpty()) {
            return NONE;
        }
        return new SecretMask(
                Pattern.compile(values.stream().map(Pattern::quote).collect(Collectors.joining("|"))));
    }

    public boolean isEmpty() {
        return pattern == null;
    }

    public String apply(String text) {
        if (pattern == null || text == null || text.isEmpty()) {
            return text;
        }
        return pattern.matcher(text).replaceAll(Matcher.quoteReplacement(REPLACEMENT));
    }

    @Override
    public String toString() {
        return isEmpty() ? "SecretMask[none]" : "SecretMask[<redacted>]";
    }
}
