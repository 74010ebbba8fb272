package io.jenkins.plugins.capi.jenkins.run;

import hudson.AbortException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The freestyle form of overrides: one {@code key=value} per line, blank lines and {@code #} comments ignored,
 * as in the imageconfig itself.
 */
public final class OverrideLines {

    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_-]*");

    private OverrideLines() {}

    /** Problems of {@code text}, one per bad line ("line 3: ..."); empty when it parses. */
    public static List<String> problems(String text) {
        List<String> problems = new ArrayList<>();
        parse(text, problems);
        return Collections.unmodifiableList(problems);
    }

    /** The overrides of {@code text}, in order; later lines win. */
    public static Map<String, String> parse(String text) throws AbortException {
        List<String> problems = new ArrayList<>();
        Map<String, String> values = parse(text, problems);
        if (!problems.isEmpty()) {
            throw new AbortException("overrides: " + String.join("; ", problems));
        }
        return values;
    }

    /** Keys must look like imageconfig keys; values are taken as written (one level of quotes removed). */
    public static boolean isValidKey(String key) {
        return KEY.matcher(key).matches();
    }

    private static Map<String, String> parse(String text, List<String> problems) {
        Map<String, String> values = new LinkedHashMap<>();
        if (text == null) {
            return values;
        }
        String[] lines = text.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                problems.add("line " + (i + 1) + ": expected KEY=VALUE, e.g. k8s_version=1.30.4");
                continue;
            }
            String key = line.substring(0, eq).trim();
            if (!isValidKey(key)) {
                problems.add("line " + (i + 1) + ": '" + key + "' is not an imageconfig key (lower case, digits, '_')");
                continue;
            }
            values.put(key, unquote(line.substring(eq + 1).trim()));
        }
        return values;
    }

    static String unquote(String value) {
        if (value.length() >= 2) {
            char first = value.charAt(0);
            char last = value.charAt(value.length() - 1);
            if ((first == '\'' || first == '"') && first == last) {
                return value.substring(1, value.length() - 1);
            }
        }
        return value;
    }
}
