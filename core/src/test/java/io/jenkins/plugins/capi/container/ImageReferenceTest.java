package io.jenkins.plugins.capi.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ImageReferenceTest {

    @ParameterizedTest
    @CsvSource({
        "us-docker.pkg.dev/palette-images/palette/imagebuilder/capi-builder:v4.6.24, us-docker.pkg.dev, 4.6.24",
        "localhost/capi-fake-builder:latest, localhost, ",
        "registry.example.com:5000/team/capi-builder:v4.4.4, registry.example.com:5000, 4.4.4",
        "capi-builder:v4.6.23, docker.io, 4.6.23",
        "library/busybox, docker.io, ",
        "gcr.io/spectro-images-public/imagebuilder/capi-builder@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef, gcr.io, "})
    void readsRegistryAndBuilderVersion(String reference, String registry, String version) {
        ImageReference r = ImageReference.parse(reference);
        assertThat(r.registry()).isEqualTo(registry);
        assertThat(r.builderVersion().map(Object::toString).orElse(null)).isEqualTo(version);
        assertThat(r.toString()).isEqualTo(reference.startsWith(registry) ? reference : reference);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "UPPER/Case:tag", "x:y;rm -rf /", "repo:-tag", "repo:tag@sha256:abc",
        "a//b", "registry.example.com/Team/x", "name with space"})
    void refusesWhatTheEngineWouldRefuseWithTheFix(String reference) {
        assertThatThrownBy(() -> ImageReference.parse(reference)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageMatching("(?s).*(empty|contains|not valid|lower case|digest|tag).*");
        assertThat(ImageReference.problem(reference)).isPresent();
    }

    @org.junit.jupiter.api.Test
    void theLowerCaseFixIsItselfValid() {
        assertThat(ImageReference.problem("UPPER/Case:tag")).get().asString().contains("write upper/case:tag");
        assertThat(ImageReference.problem("upper/case:tag")).isEmpty();
        assertThat(ImageReference.problem("registry.example.com/Team/x")).get().asString()
                .contains("write registry.example.com/team/x");
        assertThat(ImageReference.problem("registry.example.com/team/x")).isEmpty();
    }
}
