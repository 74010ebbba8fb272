package io.jenkins.plugins.capi.vsphere;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class VcenterEndpointTest {

    @Test
    void takesAHostWithAnOptionalPort() throws Exception {
        assertThat(VcenterEndpoint.parse("vc.example.com").sdkUri()).hasToString("https://vc.example.com:443/sdk");
        assertThat(VcenterEndpoint.parse("vc.example.com:8443").port()).isEqualTo(8443);
        assertThat(VcenterEndpoint.parse("https://vc.example.com/sdk").toString()).isEqualTo("vc.example.com");
        assertThat(VcenterEndpoint.parse("[fd00::1]:9443").sdkUri()).hasToString("https://[fd00::1]:9443/sdk");
        assertThat(VcenterEndpoint.parse(" 10.0.0.5 ").host()).isEqualTo("10.0.0.5");
    }

    @Test
    void rejectsWhatCannotBeAServer() {
        for (String bad : new String[] {"", "vc:99999", "vc:abc", "http://vc", "fd00::1", "user@vc"}) {
            assertThatThrownBy(() -> VcenterEndpoint.parse(bad)).as(bad)
                    .isInstanceOfSatisfying(VsphereException.class,
                            e -> assertThat(e.kind()).isEqualTo(VsphereException.Kind.INVALID_INPUT));
        }
    }
}
