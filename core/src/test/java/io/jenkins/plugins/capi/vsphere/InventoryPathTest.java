package io.jenkins.plugins.capi.vsphere;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InventoryPathTest {

    @Test
    void escapesEachElementLikeVcenterStoresNames() {
        assertThat(InventoryPath.escapeElement("50% off")).isEqualTo("50%25 off");
        assertThat(InventoryPath.escapeElement("a\\b")).isEqualTo("a%5cb");
        assertThat(InventoryPath.escapeElement("a/b")).isEqualTo("a%2fb");
        // Escapes written by the user stay as they are.
        assertThat(InventoryPath.escapeElement("team%2fa")).isEqualTo("team%2fa");
        assertThat(InventoryPath.escapeElement("x%25y%5Cz")).isEqualTo("x%25y%5Cz");
    }

    @Test
    void splitsOnSlashesAndDropsEmptyElements() {
        assertThat(InventoryPath.absolute("DC0//vm/")).isEqualTo("/DC0/vm");
        assertThat(InventoryPath.absolute("/DC0")).isEqualTo("/DC0");
        assertThat(InventoryPath.resolve("/DC0/vm", "")).isEqualTo("/DC0/vm");
        assertThat(InventoryPath.resolve("/DC0/vm", "/a//b/")).isEqualTo("/DC0/vm/a/b");
        assertThat(InventoryPath.resolve("/", "DC0")).isEqualTo("/DC0");
        assertThat(InventoryPath.child("/DC0/vm/T", "x/y")).isEqualTo("/DC0/vm/T/x%2fy");
    }

    @Test
    void knowsParentsAndPathShapes() {
        assertThat(InventoryPath.parent("/DC0/vm/T")).isEqualTo("/DC0/vm");
        assertThat(InventoryPath.parent("/DC0")).isEqualTo("/");
        assertThat(InventoryPath.isAbsolute(" /DC0")).isTrue();
        assertThat(InventoryPath.hasSeparator("a/b")).isTrue();
        assertThat(InventoryPath.hasSeparator("/a/")).isFalse();
    }
}
