package io.jenkins.plugins.capi.vsphere;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How the pre-flight writes a datastore's free space: GiB with one decimal, rounded half up, for any size. */
class FreeSpaceTextTest {

    private static final long GIB = 1L << 30;

    @Test
    void oneDecimalRoundedHalfUp() {
        assertThat(Preflight.gib(0)).isEqualTo("0.0 GiB");
        assertThat(Preflight.gib(GIB * 3 / 2)).isEqualTo("1.5 GiB");
        assertThat(Preflight.gib(GIB * 100)).isEqualTo("100.0 GiB");
        long halfATenth = (GIB + 19) / 20; // the first byte count at or above 0.05 GiB
        assertThat(Preflight.gib(GIB + halfATenth)).as("1.05 GiB").isEqualTo("1.1 GiB");
        assertThat(Preflight.gib(GIB + halfATenth - 1)).as("just under 1.05 GiB").isEqualTo("1.0 GiB");
        assertThat(Preflight.gib(GIB * 20 - 1)).isEqualTo("20.0 GiB");
    }

    @Test
    void unknownAndHugeSizes() {
        assertThat(Preflight.gib(-1)).isEqualTo("unknown");
        assertThat(Preflight.gib(Long.MAX_VALUE)).isEqualTo("8589934592.0 GiB");
    }
}
