package io.jenkins.plugins.capi.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NamePatternTest {

    static final TemplateIdentity ID = new TemplateIdentity("rocky-8", "rockylinux-8-kube-v1.30.4", "rockylinux-8",
            "fips", "1.30.4", null, null, null, null, "42", Instant.parse("2026-07-22T23:59:59Z"), Map.of());

    @Test
    void placeholdersAreFilledFromTheBuild() {
        assertThat(NamePattern.of("{os}-kube-v{k8s}-{image_name}-b{build}-{date}").render(ID))
                .isEqualTo("rockylinux-8-kube-v1.30.4-rocky-8-b42-20260722");
        assertThat(NamePattern.of("  ").render(ID)).isEqualTo("rockylinux-8-kube-v1.30.4");
        assertThat(NamePattern.artifactId().render(ID)).isEqualTo("rockylinux-8-kube-v1.30.4");
    }

    @Test
    void mistakesAreNamedWithTheFix() {
        assertThatThrownBy(() -> NamePattern.of("{distro}-{os}-{K8S}"))
                .hasMessage("unknown placeholder {distro}, {K8S} in the name pattern '{distro}-{os}-{K8S}'; the"
                        + " placeholders are {os}, {k8s}, {image_name}, {build}, {date}");
        assertThat(NamePattern.problem("{os-x")).get().asString().contains("unmatched brace");
        assertThat(NamePattern.problem("templates/{os}")).get().asString().contains("vcenter_folder");
        TemplateIdentity noBuild = new TemplateIdentity("rocky-8", null, null, null, null, null, null, null, null,
                null, null, Map.of());
        assertThatThrownBy(() -> NamePattern.of("{image_name}-{build}").render(noBuild))
                .hasMessageContaining("uses {build}, which this build does not have (give the build number)");
        assertThatThrownBy(() -> NamePattern.of("{image_name}-" + "x".repeat(80)).render(ID))
                .hasMessageContaining("vCenter allows 80");
        assertThat(NamePattern.artifactId().render(noBuild)).isEqualTo("rocky-8");
    }
}
