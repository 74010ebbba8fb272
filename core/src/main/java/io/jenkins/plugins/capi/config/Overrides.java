package io.jenkins.plugins.capi.config;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Keys set on top of the imageconfig file, with where each was written: {@code --set KEY=VALUE} on the command line,
 * the Pipeline step's {@code overrides:} map, or the freestyle step's override lines. They are checked like file
 * lines (key syntax, legacy spellings, unknown keys), and secret keys are refused: a secret written there ends up in
 * a process list or a build record.
 */
public final class Overrides {

    private static final Overrides NONE = new Overrides(List.of(), List.of());

    private final List<ImageConfig.Entry> entries;
    private final List<Finding> findings;

    private Overrides(List<ImageConfig.Entry> entries, List<Finding> findings) {
        this.entries = List.copyOf(entries);
        this.findings = List.copyOf(findings);
    }

    public static Overrides none() {
        return NONE;
    }

    /** Values in iteration order; the n-th is at {@code source:n}. A null value means "unset". */
    public static Overrides fromMap(Map<String, String> values, String source) {
        Builder b = new Builder();
        int index = 0;
        for (Map.Entry<String, String> e : values.entrySet()) {
            index++;
            b.add(e.getKey(), e.getValue(), new SourceLocation(source, index, 0));
        }
        return b.build();
    }

    /**
     * {@code KEY=VALUE} arguments in order; the n-th is at {@code source:n}. An argument without {@code =} is a
     * finding that does not repeat the argument: it may be a mistyped secret.
     */
    public static Overrides fromAssignments(List<String> assignments, String source) {
        Builder b = new Builder();
        int index = 0;
        for (String a : assignments) {
            index++;
            SourceLocation at = new SourceLocation(source, index, 0);
            int eq = a.indexOf('=');
            if (eq <= 0) {
                b.findings.add(Finding.error(at, "expected KEY=VALUE (the argument is not shown: it may hold a secret)",
                        "write KEY=VALUE, e.g. k8s_version=1.30.4"));
                continue;
            }
            b.add(a.substring(0, eq), a.substring(eq + 1), at);
        }
        return b.build();
    }

    /**
     * Lines written like the imageconfig itself ({@code key=value}, quotes, {@code #} comments, {@code export}),
     * read by {@link ImageConfigParser}; every finding points at {@code source:LINE}.
     */
    public static Overrides parse(String text, String source) {
        if (text == null || text.isBlank()) {
            return NONE;
        }
        ParsedConfig parsed;
        try {
            parsed = new ImageConfigParser().parse(source, text.getBytes(StandardCharsets.UTF_8));
        } catch (ConfigParseException e) {
            return new Overrides(List.of(), List.of(Finding.error(e.location(), e.getMessage(),
                    "write one key=value per line")));
        }
        Builder b = new Builder();
        b.findings.addAll(parsed.findings());
        parsed.config().entries().values().forEach(e -> b.addChecked(e.key(), e.value(), e.location()));
        b.findings.sort(java.util.Comparator.comparingInt(f -> f.location().line()));
        return b.build();
    }

    public List<ImageConfig.Entry> entries() {
        return entries;
    }

    public List<Finding> findings() {
        return findings;
    }

    public boolean hasErrors() {
        return findings.stream().anyMatch(Finding::isError);
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The overridden value of {@code key}, or empty when it is not overridden or overridden to empty. */
    public Optional<String> value(ConfigKey key) {
        Optional<String> found = Optional.empty();
        for (ImageConfig.Entry e : entries) {
            if (e.key().equals(key.key())) {
                found = e.isSet() ? Optional.of(e.value()) : Optional.empty();
            }
        }
        return found;
    }

    /** {@code base} with every override applied in order; existing keys keep their position. */
    public ImageConfig applyTo(ImageConfig base) {
        ImageConfig config = base;
        for (ImageConfig.Entry e : entries) {
            config = config.with(e.key(), e.value(), e.location());
        }
        return config;
    }

    /** Names the keys only, never a value. */
    @Override
    public String toString() {
        return "Overrides" + entries.stream().map(ImageConfig.Entry::key).toList();
    }

    private static final class Builder {
        private final List<ImageConfig.Entry> entries = new ArrayList<>();
        private final List<Finding> findings = new ArrayList<>();

        /** One override given as a key and a value (map entry or argument): checked like a file line. */
        void add(String writtenKey, String rawValue, SourceLocation at) {
            String written = writtenKey == null ? "" : writtenKey.strip();
            String value = rawValue == null ? "" : rawValue;
            if (written.isEmpty()) {
                findings.add(Finding.error(at, "override has no key", "write KEY=VALUE, e.g. k8s_version=1.30.4"));
                return;
            }
            int bad = ImageConfigParser.invalidKeyCharacter(written);
            if (bad >= 0) {
                findings.add(Finding.error(at, "invalid character " + ImageConfigParser.describe(written.charAt(bad))
                        + " in override key", "keys are made of letters, digits and underscores, e.g. k8s_version"));
                return;
            }
            if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0 || value.indexOf('\0') >= 0) {
                findings.add(Finding.error(written, at, "the value of `" + written + "` contains a line break or NUL",
                        "an imageconfig value is a single line"));
                return;
            }
            addChecked(ImageConfigParser.normaliseKey(written, at, findings), value, at);
        }

        /** A key already read (and normalised) by the parser or {@link #add}; only the secret rule is left. */
        void addChecked(String key, String value, SourceLocation at) {
            if (ConfigKey.isSecret(key)) {
                findings.add(Finding.error(key, at, "`" + key + "` is a secret and is refused here: overrides are"
                                + " kept where secrets must not be (a process list, a build record)",
                        "remove it and supply the secret as a credential; if it was a real secret, rotate it"));
                return;
            }
            entries.add(new ImageConfig.Entry(key, value, at));
        }

        Overrides build() {
            return new Overrides(entries, findings);
        }
    }
}
