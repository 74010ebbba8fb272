package io.jenkins.plugins.capi.jenkins.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.AbortException;
import io.jenkins.plugins.capi.config.ConfigKey;
import io.jenkins.plugins.capi.publish.OnExisting;
import io.jenkins.plugins.capi.publish.PublishSettings;
import io.jenkins.plugins.capi.publish.PublishTarget;
import io.jenkins.plugins.capi.secrets.Credential;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The publish block as it reaches core: checked on the controller, turned into core's settings on the agent. */
class PublishInputTest {

    private static final Path WORKSPACE = Path.of("/agent/workspace/images");
    private static final String DR_PASSWORD = "Dr-Site-Passw0rd-5b1d";

    @Test
    void everyTargetBecomesACoreTargetWithItsOwnCredentialsPlaceAndTrust() throws Exception {
        PublishInput input = PublishInput.of(PublishingTest.everyField(), UnaryOperator.identity());
        Map<Integer, Credential> logins = Map.of(
                1, new Credential("dr-builder", DR_PASSWORD, false),
                2, new Credential("lab-builder", "Lab-Passw0rd-71c0", false));
        PublishSettings settings = input.toSettings(WORKSPACE, logins::get, "42");

        assertEquals(OnExisting.REPLACE, settings.onExisting());
        assertEquals(3, settings.keep());
        assertFalse(settings.toConfigVcenter());
        assertEquals("42", settings.buildId());
        List<PublishTarget> targets = settings.otherTargets();
        assertEquals(2, targets.size());
        PublishTarget dr = targets.get(0);
        assertEquals("publish target 1 (dr.example.com)", dr.label());
        assertEquals("dr.example.com", dr.server());
        assertEquals("dr-builder", dr.user());
        assertEquals("DR", dr.place().value(ConfigKey.VCENTER_DATACENTER).orElseThrow());
        assertEquals("templates", dr.place().value(ConfigKey.VCENTER_FOLDER).orElseThrow());
        assertEquals("Cluster-B", dr.place().value(ConfigKey.VCENTER_CLUSTER).orElseThrow());
        assertNull(dr.tls().caFile(), "no CA file: the agent's trust store");
        assertEquals("capi-images", dr.contentLibrary(), "the block's library where the target names none");
        PublishTarget lab = targets.get(1);
        assertEquals(WORKSPACE.resolve("ca/lab.pem"), lab.tls().caFile(), "relative to the workspace");
        assertTrue(lab.tls().insecure());
        assertEquals("lab-library", lab.contentLibrary());
        assertEquals(
                "builds", lab.place().value(ConfigKey.VCENTER_RESOURCE_POOL).orElseThrow());
        assertTrue(settings.secrets().contains(DR_PASSWORD), "core masks every target's password on the agent");
        assertFalse(dr.toString().contains(DR_PASSWORD), dr.toString());
    }

    @Test
    void freestyleVariablesAreExpandedButCredentialIdsAreNot() throws Exception {
        Publishing p = new Publishing();
        p.setNamePattern("${PREFIX}-{k8s}");
        VcenterTarget t = PublishingTest.drSite();
        t.setServer("${DR_VCENTER}");
        t.setCredentialsId("${DR_CREDENTIALS}");
        p.setTargets(List.of(t));
        PublishInput input =
                PublishInput.of(p, v -> v.replace("${PREFIX}", "rocky").replace("${DR_VCENTER}", "dr2.example.com"));
        assertEquals("rocky-{k8s}", input.namePattern());
        assertEquals("dr2.example.com", input.targets().get(0).server());
        assertEquals("${DR_CREDENTIALS}", input.targets().get(0).credentialsId());
    }

    @Test
    void everyProblemIsNamedAtItsParameterBeforeAnythingRuns() {
        Publishing p = new Publishing();
        p.setNamePattern("{distro}-{k8s}");
        p.setKeep(-1);
        VcenterTarget noServer = new VcenterTarget();
        noServer.setCredentialsId("dr-vcenter");
        VcenterTarget noCredentials = new VcenterTarget();
        noCredentials.setServer("lab.example.com");
        VcenterTarget badServer = new VcenterTarget();
        badServer.setServer("https://vc.example.com/sdk");
        badServer.setCredentialsId("vc");
        p.setTargets(List.of(noServer, noCredentials, badServer));
        AbortException e = assertThrows(AbortException.class, () -> PublishInput.of(p, UnaryOperator.identity()));
        String m = e.getMessage();
        assertTrue(m.contains("publish.namePattern: unknown placeholder {distro}"), m);
        assertTrue(m.contains("publish.keep must be 0 (keep all) or more, not -1"), m);
        assertTrue(m.contains("publish target 1: server is not set"), m);
        assertTrue(m.contains("publish target 2 (lab.example.com): credentialsId is not set"), m);
        assertTrue(m.contains("publish target 3 (https://vc.example.com/sdk): server: vcenter_server must be"), m);
    }
}
