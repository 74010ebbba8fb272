package io.jenkins.plugins.capi.logs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AnsiCodesTest {
    @Test
    void stripsPackerColoursAndCursorCodes() {
        assertThat(AnsiCodes.strip("\u001B[1;32m==> vsphere: Creating VM...\u001B[0m")).isEqualTo("==> vsphere: Creating VM...");
        assertThat(AnsiCodes.strip("\u001B[0;31mBuild 'vsphere' errored\u001B[0m\u001B[K")).isEqualTo("Build 'vsphere' errored");
        assertThat(AnsiCodes.strip("\u001B]0;title\u0007text")).isEqualTo("text");
        assertThat(AnsiCodes.strip("plain [brackets]")).isEqualTo("plain [brackets]");
    }
}
