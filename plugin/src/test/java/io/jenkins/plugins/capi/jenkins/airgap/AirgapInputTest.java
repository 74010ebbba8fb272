package io.jenkins.plugins.capi.jenkins.airgap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.AbortException;
import io.jenkins.plugins.capi.airgap.AirgapSettings;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The airgap block as it reaches core's {@link AirgapSettings} on the agent. */
class AirgapInputTest {

    private static final Path WORKSPACE = Path.of("/agent/workspace/images");

    @Test
    void pathsOnTheAgentAreRelativeToTheWorkspaceUnlessAbsolute() throws Exception {
        Airgap a = new Airgap();
        a.setArchive("/srv/capi/capi-image-builder-v4.6.24.tgz");
        a.setCertificate("certs/support-vm.crt");
        a.setKubernetesPack("packs/airgap-pack-kubernetes-1.30.4.bin");
        a.setRunKubernetesPack(true);
        a.setYumPort(9100);
        AirgapSettings s = AirgapInput.of(a, UnaryOperator.identity()).toSettings(WORKSPACE);
        assertEquals(Path.of("/srv/capi/capi-image-builder-v4.6.24.tgz"), s.source());
        assertEquals(WORKSPACE.resolve("certs/support-vm.crt"), s.certificate());
        assertEquals(WORKSPACE.resolve("packs/airgap-pack-kubernetes-1.30.4.bin"), s.kubernetesPack());
        assertTrue(s.runKubernetesPack());
        assertEquals(9100, s.yumPort());
    }

    @Test
    void blanksAreCoresDefaults() throws Exception {
        Airgap a = new Airgap();
        a.setArchive("capi-image-builder-v4.6.24");
        a.setYumPort(-5);
        AirgapSettings s = AirgapInput.of(a, UnaryOperator.identity()).toSettings(WORKSPACE);
        assertEquals(WORKSPACE.resolve("capi-image-builder-v4.6.24"), s.source(), "an extracted folder");
        assertNull(s.certificate(), "core's default certificate path");
        assertNull(s.kubernetesPack());
        assertEquals(0, s.yumPort(), "core's default port");
    }

    @Test
    void anAirgapBlockWithoutItsArchiveIsRefused() {
        AbortException e =
                assertThrows(AbortException.class, () -> AirgapInput.of(new Airgap(), UnaryOperator.identity()));
        assertTrue(e.getMessage().contains("airgap.archive is not set"), e.getMessage());
    }
}
