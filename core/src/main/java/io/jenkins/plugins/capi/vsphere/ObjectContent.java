package io.jenkins.plugins.capi.vsphere;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * One object of a property retrieval: its reference, the values read (as the {@code val} elements of the
 * answer) and the property paths vCenter could not read, with the fault name for each.
 */
public record ObjectContent(MoRef ref, Map<String, Element> values, Map<String, String> missing) {

    public ObjectContent {
        values = Map.copyOf(values);
        missing = Map.copyOf(missing);
    }

    public Optional<String> text(String path) {
        Element e = values.get(path);
        return e == null ? Optional.empty() : Optional.of(e.getTextContent().strip());
    }

    public String name() {
        return text("name").orElse(ref.value());
    }

    public boolean bool(String path) {
        return text(path).map(Boolean::parseBoolean).orElse(false);
    }

    public long longValue(String path, long fallback) {
        return text(path).map(s -> {
            try {
                return Long.parseLong(s);
            } catch (NumberFormatException e) {
                return fallback;
            }
        }).orElse(fallback);
    }

    /** A {@code xsd:dateTime} property (e.g. {@code config.createDate}); empty when absent or unreadable. */
    public Optional<Instant> instant(String path) {
        return text(path).flatMap(t -> {
            try {
                return Optional.of(OffsetDateTime.parse(t).toInstant());
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        });
    }

    /** A property holding one managed object reference. */
    public Optional<MoRef> ref(String path) {
        Element e = values.get(path);
        return e == null || !e.hasAttribute("type") ? Optional.empty()
                : Optional.of(new MoRef(e.getAttribute("type"), e.getTextContent().strip()));
    }

    /** A property holding an array of managed object references. */
    public List<MoRef> refs(String path) {
        List<MoRef> out = new ArrayList<>();
        for (Element child : children(path)) {
            out.add(new MoRef(child.getAttribute("type"), child.getTextContent().strip()));
        }
        return out;
    }

    /** The items of an array-valued property (e.g. {@code config.hardware.device}). */
    public List<Element> children(String path) {
        Element e = values.get(path);
        List<Element> out = new ArrayList<>();
        if (e != null) {
            for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element child) {
                    out.add(child);
                }
            }
        }
        return out;
    }

    /** The strings of an array-of-string property (e.g. {@code childType}). */
    public List<String> strings(String path) {
        return children(path).stream().map(c -> c.getTextContent().strip()).toList();
    }
}
