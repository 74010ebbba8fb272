package io.jenkins.plugins.capi.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Keys set on top of the file: {@code --set KEY=VALUE} on the command line, the {@code overrides:} map of the
 * Pipeline step. They are checked like file lines (key syntax, legacy spellings, unknown keys).
 */
public final class Overrides {

    private Overrides() {}

    /**
     * Applies {@code overrides} in iteration order. The n-th override gets the location
     * {@code sourceName:n}, so a finding points at it. A null value means "unset".
     */
    public static ParsedConfig apply(ImageConfig base, Map<String, String> overrides, String sourceName) {
        ImageConfig config = base;
        List<Finding> findings = new ArrayList<>();
        int index = 0;
        for (Map.Entry<String, String> o : overrides.entrySet()) {
            index++;
            SourceLocation at = new SourceLocation(sourceName, index, 0);
            String written = o.getKey() == null ? "" : o.getKey().strip();
            String value = o.getValue() == null ? "" : o.getValue();
            int bad = ImageConfigParser.invalidKeyCharacter(written);
            if (written.isEmpty()) {
                findings.add(Finding.error(at, "override has no key", "write KEY=VALUE, e.g. k8s_version=1.30.4"));
                continue;
            }
            if (bad >= 0) {
                findings.add(Finding.error(at, "invalid character " + ImageConfigParser.describe(written.charAt(bad))
                        + " in override key", "keys are made of letters, digits and underscores, e.g. k8s_version"));
                continue;
            }
            if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0 || value.indexOf('\0') >= 0) {
                findings.add(Finding.error(written, at, "the value of `" + written + "` contains a line break or NUL",
                        "an imageconfig value is a single line"));
                continue;
            }
            String key = written;
            if (!ConfigKey.isKnown(key)) {
                var legacy = ConfigKey.byLegacyName(key);
                if (legacy.isPresent()) {
                    key = legacy.get().key();
                    findings.add(Finding.warning(key, at, "`" + written + "` is an old or misprinted spelling of `"
                            + key + "`; read as `" + key + "`", "use " + key + " instead"));
                } else {
                    String hint = ConfigKey.closest(key).map(k -> "did you mean `" + k.key() + "`?")
                            .orElse("check the spelling against docs/configuration.md");
                    findings.add(Finding.warning(key, at, "`" + key + "` is not a documented imageconfig key", hint));
                }
            }
            config = config.with(key, value, at);
        }
        return new ParsedConfig(config, findings);
    }

    /**
     * Parses one {@code KEY=VALUE} argument of {@code --set}. The value is everything after the first {@code =}.
     *
     * @throws IllegalArgumentException without the value in its message when there is no {@code =}
     */
    public static Map.Entry<String, String> parseAssignment(String assignment) {
        int eq = assignment.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("expected KEY=VALUE, e.g. k8s_version=1.30.4");
        }
        return Map.entry(assignment.substring(0, eq), assignment.substring(eq + 1));
    }
}
