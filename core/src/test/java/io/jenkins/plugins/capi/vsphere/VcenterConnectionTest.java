package io.jenkins.plugins.capi.vsphere;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.capi.testing.Vcsim;
import io.jenkins.plugins.capi.vsphere.VsphereTls;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** "Test Connection", through the core method and the build facade the plugin calls. */
@ExtendWith(Vcsim.Available.class)
class VcenterConnectionTest {

    private static final VsphereTimeouts TIMEOUTS = VsphereTimeouts.of(Duration.ofSeconds(5));

    @Test
    void saysWhatItConnectedToAndAsWhom() throws Exception {
        try (Vcsim sim = Vcsim.start()) {
            String line = VcenterConnection.test(sim.server(), Vcsim.USER, Vcsim.PASSWORD,
                    new VsphereTls(sim.caFile(), false), TIMEOUTS);
            assertThat(line).matches("Connected to VMware vCenter Server .+ \\(VirtualCenter, API [0-9.]+\\) as jenkins");
        }
    }

    @Test
    void insecureModeSaysSoEveryTime() throws Exception {
        try (Vcsim sim = Vcsim.start()) {
            String line = VcenterConnection.test(sim.server(), Vcsim.USER, Vcsim.PASSWORD, new VsphereTls(null, true), TIMEOUTS);
            assertThat(line).startsWith("Connected to ").contains("WARNING", "switched off");
        }
    }

    @Test
    void failuresAreSafeToShow() throws Exception {
        try (Vcsim sim = Vcsim.startWithPassword("the-real-one")) {
            assertThatThrownBy(() -> VcenterConnection.test(sim.server(), Vcsim.USER,
                    Vcsim.PASSWORD, new VsphereTls(sim.caFile(), false), VsphereTimeouts.of(Duration.ofSeconds(5))))
                    .isInstanceOf(VsphereException.class)
                    .hasMessageContaining(sim.server()).hasMessageContaining("InvalidLogin")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(Vcsim.PASSWORD).doesNotContain("the-real-one"));
            assertThatThrownBy(() -> VcenterConnection.test(sim.server(), Vcsim.USER, Vcsim.PASSWORD, VsphereTls.VERIFY, TIMEOUTS))
                    .isInstanceOfSatisfying(VsphereException.class, e -> assertThat(e.kind()).isEqualTo(VsphereException.Kind.TLS));
        }
        try (Vcsim esx = Vcsim.start("-esx")) {
            assertThatThrownBy(() -> VcenterConnection.test(esx.server(), Vcsim.USER, Vcsim.PASSWORD,
                    new VsphereTls(esx.caFile(), false), TIMEOUTS))
                    .hasMessageContaining("not a vCenter").hasMessageContaining("HostAgent");
        }
    }
}
