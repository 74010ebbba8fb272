package io.jenkins.plugins.capi.jenkins.run;

import io.jenkins.plugins.capi.config.ConfigKey;
import io.jenkins.plugins.capi.config.ImageConfigWriter;
import io.jenkins.plugins.capi.config.Overrides;
import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The overrides as the user wrote them: the Pipeline step's map, or the freestyle step's lines. They cross to the
 * agent as written and core reads them on each side ({@link #read()}), so both sides see the same keys, values and
 * findings, with line numbers for freestyle lines.
 *
 * @param map  the Pipeline map, in the script's order (empty for freestyle)
 * @param text the freestyle lines, or null for a map
 */
public record OverrideInput(LinkedHashMap<String, String> map, String text) implements Serializable {

    private static final long serialVersionUID = 1L;

    /** How findings name the overrides: {@code overrides:2} is the second map entry or the second line. */
    public static final String SOURCE = "overrides";

    public static final OverrideInput NONE = new OverrideInput(new LinkedHashMap<>(), null);

    public OverrideInput {
        // LinkedHashMap: keeps the user's order and is a plain serialisable JDK class.
        map = map == null ? new LinkedHashMap<>() : new LinkedHashMap<>(map);
    }

    /**
     * A script's overrides map as plain strings, in the script's order: Groovy may hand over GStrings or numbers as
     * values (erasure lets them in), so their text is taken. Keys are checked when the build runs, by core.
     */
    public static LinkedHashMap<String, String> scriptMap(Map<String, String> values) {
        LinkedHashMap<String, String> copy = new LinkedHashMap<>();
        if (values != null) {
            for (Map.Entry<?, ?> e : ((Map<?, ?>) values).entrySet()) {
                copy.put(String.valueOf(e.getKey()), e.getValue() == null ? "" : String.valueOf(e.getValue()));
            }
        }
        return copy;
    }

    public static OverrideInput ofMap(Map<String, String> values) {
        return new OverrideInput(new LinkedHashMap<>(values), null);
    }

    public static OverrideInput ofText(String text) {
        return text == null || text.isBlank() ? NONE : new OverrideInput(null, text);
    }

    @Override
    public LinkedHashMap<String, String> map() {
        return new LinkedHashMap<>(map);
    }

    public Map<String, String> mapView() {
        return Collections.unmodifiableMap(map);
    }

    /** These overrides with {@code ${VAR}} references replaced by {@code expand} (freestyle). */
    public OverrideInput expanded(UnaryOperator<String> expand) {
        if (text != null) {
            return new OverrideInput(null, expand.apply(text));
        }
        LinkedHashMap<String, String> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(k, v == null ? null : expand.apply(v)));
        return new OverrideInput(copy, null);
    }

    /** Core's reading of the overrides. */
    public Overrides read() {
        return text != null ? Overrides.parse(text, SOURCE) : Overrides.fromMap(map, SOURCE);
    }

    /** These overrides with {@code key} set to {@code value} after everything the user wrote. */
    public OverrideInput with(ConfigKey key, String value) {
        if (text != null) {
            return new OverrideInput(null, text + "\n" + key.key() + "=" + ImageConfigWriter.quote(value));
        }
        LinkedHashMap<String, String> copy = new LinkedHashMap<>(map);
        copy.put(key.key(), value);
        return new OverrideInput(copy, null);
    }
}
