package io.jenkins.plugins.capi.config;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The vendor's documented Kubernetes × cni × containerd × crictl pairings (docs/configuration.md), read from a JSON resource. */
public final class CompatibilityMatrix {

    /** One documented pairing. */
    public record Row(String kubernetes, String cni, String containerd, String crictl) {
        public Row {
            Objects.requireNonNull(kubernetes, "kubernetes");
            Objects.requireNonNull(cni, "cni");
            Objects.requireNonNull(containerd, "containerd");
            Objects.requireNonNull(crictl, "crictl");
        }

        /** e.g. {@code cni 1.3.0, containerd 1.7.13, crictl 1.28.0}. */
        public String describe() {
            return "cni " + cni + ", containerd " + containerd + ", crictl " + crictl;
        }
    }

    static final String RESOURCE = "compatibility-matrix.json";

    private static final CompatibilityMatrix BUILT_IN = readBuiltIn();

    private final List<Row> rows;

    public CompatibilityMatrix(List<Row> rows) {
        this.rows = List.copyOf(rows);
    }

    /** The matrix shipped with this library. */
    public static CompatibilityMatrix builtIn() {
        return BUILT_IN;
    }

    /**
     * Reads a matrix in the resource's format: {@code {"rows":[{"kubernetes":…,"cni":…,…}]}}; other fields are
     * ignored. Jackson's streaming parser rather than its object mapper: every validation reads this, and the
     * mapper's start-up costs a command-line run a few hundred milliseconds.
     */
    public static CompatibilityMatrix read(InputStream json) throws IOException {
        List<Row> rows = new ArrayList<>();
        try (JsonParser p = new JsonFactory().createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("compatibility matrix: expected a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                if (p.nextToken() == JsonToken.START_ARRAY && field.equals("rows")) {
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        rows.add(row(p));
                    }
                } else {
                    p.skipChildren();
                }
            }
        }
        if (rows.isEmpty()) {
            throw new IOException("compatibility matrix has no rows");
        }
        return new CompatibilityMatrix(rows);
    }

    private static Row row(JsonParser p) throws IOException {
        Map<String, String> fields = new HashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            if (p.nextToken() == JsonToken.VALUE_STRING) {
                fields.put(name, p.getText());
            } else {
                p.skipChildren();
            }
        }
        for (String required : List.of("kubernetes", "cni", "containerd", "crictl")) {
            if (fields.get(required) == null) {
                throw new IOException("compatibility matrix: a row has no \"" + required + "\" string");
            }
        }
        return new Row(fields.get("kubernetes"), fields.get("cni"), fields.get("containerd"), fields.get("crictl"));
    }

    private static CompatibilityMatrix readBuiltIn() {
        try (InputStream in = CompatibilityMatrix.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    public List<Row> rows() {
        return rows;
    }

    public Optional<Row> rowFor(String kubernetesVersion) {
        return rows.stream().filter(r -> r.kubernetes().equals(kubernetesVersion)).findFirst();
    }

    /** The Kubernetes versions, newest first as listed. */
    public List<String> kubernetesVersions() {
        return rows.stream().map(Row::kubernetes).toList();
    }
}
