package io.jenkins.plugins.capi.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CompatibilityMatrixTest {

    @Test
    void builtInMatrixHasTheDocumentedRows() {
        CompatibilityMatrix m = CompatibilityMatrix.builtIn();
        assertThat(m.kubernetesVersions()).containsExactly("1.31.0", "1.30.4", "1.29.4", "1.28.9", "1.27.13");
        assertThat(m.rowFor("1.28.9")).contains(new CompatibilityMatrix.Row("1.28.9", "1.2.0", "1.7.13", "1.26.0"));
        assertThat(m.rowFor("1.30.4").orElseThrow().describe()).isEqualTo("cni 1.3.0, containerd 1.7.13, crictl 1.28.0");
        assertThat(m.rowFor("1.30.5")).isEmpty();
    }

    @Test
    void readsAnotherMatrixAndUsesItForValidation() throws IOException {
        String json = "{\"rows\":[{\"kubernetes\":\"1.32.1\",\"cni\":\"1.4.0\",\"containerd\":\"2.0.2\",\"crictl\":\"1.32.0\",\"note\":\"x\"}]}";
        CompatibilityMatrix m = CompatibilityMatrix.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
        assertThat(m.kubernetesVersions()).containsExactly("1.32.1");
        ImageConfig config = ImageConfig.of("imageconfig", java.util.Map.of("k8s_version", "1.32.1", "cni_version", "1.3.0"));
        assertThat(ImageConfigValidator.validate(config, ValidationOptions.DEFAULTS, m))
                .filteredOn(f -> "cni_version".equals(f.key())).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("row for Kubernetes 1.32.1 (cni 1.4.0, containerd 2.0.2, crictl 1.32.0)"));
    }

    @Test
    void rejectsAMatrixWithoutRows() {
        assertThatThrownBy(() -> CompatibilityMatrix.read(new ByteArrayInputStream("{\"rows\":[]}".getBytes(StandardCharsets.UTF_8)))).isInstanceOf(IOException.class).hasMessageContaining("no rows");
    }

    @Test
    void skipsFieldsItDoesNotKnowAndNamesAMissingOne() throws IOException {
        String json = "{\"source\":{\"url\":\"x\",\"pages\":[1,2]},\"rows\":[{\"kubernetes\":\"1.32.1\",\"cni\":\"1.4.0\","
                + "\"containerd\":\"2.0.2\",\"crictl\":\"1.32.0\",\"notes\":[\"a\",{\"b\":1}]}],\"version\":2}";
        assertThat(CompatibilityMatrix.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))).rows())
                .containsExactly(new CompatibilityMatrix.Row("1.32.1", "1.4.0", "2.0.2", "1.32.0"));
        String noCrictl = "{\"rows\":[{\"kubernetes\":\"1.32.1\",\"cni\":\"1.4.0\",\"containerd\":\"2.0.2\"}]}";
        assertThatThrownBy(() -> CompatibilityMatrix.read(new ByteArrayInputStream(noCrictl.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(IOException.class).hasMessageContaining("\"crictl\"");
    }
}
