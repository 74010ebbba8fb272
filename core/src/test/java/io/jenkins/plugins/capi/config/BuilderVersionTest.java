package io.jenkins.plugins.capi.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BuilderVersionTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(nullValues = "none", value = {
            "us-docker.pkg.dev/palette-images/palette/imagebuilder/capi-builder:v4.6.24, 4.6.24",
            "gcr.io/spectro-images-public/imagebuilder/capi-builder:v1.5.0, 1.5.0",
            "localhost/v4.6.24:latest, 4.6.24",
            "localhost/capi-builder:v4.6.24, 4.6.24",
            "localhost:5000/capi-builder:v4.6.23, 4.6.23",
            "registry.example.com:5000/capi-builder:4.4.4, 4.4.4",
            "capi-builder:v4.6.24@sha256:0123456789abcdef, 4.6.24",
            "capi-builder:latest, none",
            "localhost:5000/capi-builder, none",
            "capi-builder@sha256:0123456789abcdef, none",
            "'', none"})
    void readsTheVersionFromTheImageReference(String reference, String expected) {
        assertThat(BuilderVersion.fromImageReference(reference).map(BuilderVersion::toString))
                .isEqualTo(Optional.ofNullable(expected));
    }

    @ParameterizedTest(name = "{0} < {1}")
    @CsvSource({"4.4.4, 4.6.0", "4.5.99, 4.6.0", "1.5.0, 4.4.4", "4.6.9, 4.6.23", "3.99.99, 4.0.0"})
    void ordersVersionsNumerically(String lower, String higher) {
        BuilderVersion a = BuilderVersion.parse(lower).orElseThrow();
        BuilderVersion b = BuilderVersion.parse(higher).orElseThrow();
        assertThat(a.isBefore(b)).isTrue();
        assertThat(b.isBefore(a)).isFalse();
        assertThat(a).isLessThan(b);
    }

    @ParameterizedTest
    @CsvSource({"v4.6.24", "4.6.24", "' 4.6.24 '"})
    void parsesWithOrWithoutV(String text) {
        assertThat(BuilderVersion.parse(text)).contains(new BuilderVersion(4, 6, 24));
    }

    @ParameterizedTest
    @CsvSource({"4.6", "latest", "4.6.x", "vv4.6.1"})
    void rejectsOtherText(String text) {
        assertThat(BuilderVersion.parse(text)).isEmpty();
    }
}
