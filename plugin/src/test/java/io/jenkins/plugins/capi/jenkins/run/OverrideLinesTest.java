package io.jenkins.plugins.capi.jenkins.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import hudson.AbortException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OverrideLinesTest {

    @Test
    void readsKeyValueLinesLikeTheImageconfig() throws AbortException {
        assertEquals(
                Map.of("k8s_version", "1.31.1", "vcenter_network", "VM Network", "airgap_ip", ""),
                OverrideLines.parse("""
                        # versions for this matrix cell
                        k8s_version=1.31.1

                        vcenter_network='VM Network'
                        airgap_ip=""
                        """));
    }

    @Test
    void laterLinesWin() throws AbortException {
        assertEquals(Map.of("image_name", "b"), OverrideLines.parse("image_name=a\r\nimage_name=b"));
    }

    @Test
    void everyBadLineIsNamed() {
        assertEquals(
                List.of(
                        "line 2: expected KEY=VALUE, e.g. k8s_version=1.30.4",
                        "line 3: 'K8S VERSION' is not an imageconfig key (lower case, digits, '_')"),
                OverrideLines.problems("image_name=a\njust text\nK8S VERSION=1.30"));
        AbortException e = assertThrows(AbortException.class, () -> OverrideLines.parse("=x"));
        assertEquals("overrides: line 1: expected KEY=VALUE, e.g. k8s_version=1.30.4", e.getMessage());
    }

    @Test
    void blankTextMeansNoOverrides() throws AbortException {
        assertEquals(Map.of(), OverrideLines.parse(null));
        assertEquals(Map.of(), OverrideLines.parse("\n  \n"));
    }
}
