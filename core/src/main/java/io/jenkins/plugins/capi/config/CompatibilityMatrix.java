package io.jenkins.plugins.capi.config;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.capi.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The vendor's documented Kubernetes × cni × containerd × crictl pairings (docs/configuration.md), read from a JSON resource. */
public final class CompatibilityMatrix {

    /** One documented pairing. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Row(@JsonProperty("kubernetes") String kubernetes, @JsonProperty("cni") String cni,
                      @JsonProperty("containerd") String containerd, @JsonProperty("crictl") String crictl) {
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

    @JsonIgnoreProperties(ignoreUnknown = true)
    private record Document(@JsonProperty("rows") List<Row> rows) {}

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

    /** Reads a matrix in the resource's format: {@code {"rows":[{"kubernetes":…,"cni":…,…}]}}. */
    public static CompatibilityMatrix read(InputStream json, ObjectMapper mapper) throws IOException {
        Document d = mapper.readValue(json, Document.class);
        if (d.rows() == null || d.rows().isEmpty()) {
            throw new IOException("compatibility matrix has no rows");
        }
        return new CompatibilityMatrix(d.rows());
    }

    private static CompatibilityMatrix readBuiltIn() {
        try (InputStream in = CompatibilityMatrix.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return read(in, Json.mapper());
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
