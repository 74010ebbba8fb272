package io.jenkins.plugins.capi.jenkins.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.model.TaskListener;
import hudson.util.Secret;
import io.jenkins.plugins.capi.customize.RhsmWorkaround;
import io.jenkins.plugins.capi.imagebuild.BuildRequest;
import io.jenkins.plugins.capi.jenkins.airgap.Airgap;
import io.jenkins.plugins.capi.jenkins.config.CapiImageBuilderConfiguration;
import io.jenkins.plugins.capi.jenkins.customize.StaticAddress;
import io.jenkins.plugins.capi.jenkins.publish.Publishing;
import io.jenkins.plugins.capi.jenkins.publish.VcenterTarget;
import io.jenkins.plugins.capi.jenkins.run.BuildSettings;
import io.jenkins.plugins.capi.jenkins.step.CapiImageBuildStep;
import io.jenkins.plugins.capi.publish.PublishTarget;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** What the agent hands core, and what remoting may print of it. */
@WithJenkins
class ImageBuildCallableTest {

    private static final String SECRET_USER = "Secret-User-7d21";
    private static final String PLAIN_USER = "builder@vsphere.local";
    private static final String PASSWORD = "Callable-Passw0rd-0c9e";
    private static final String TARGET_PASSWORD = "Target-Passw0rd-2a4e";
    private static final Path WORKSPACE = Path.of("/agent/workspace/images");

    /** Remoting prints callables with toString() in its diagnostics: nothing secret may show there. */
    @Test
    void toStringNamesTheRunAndNoCredential(JenkinsRule r) throws Exception {
        CapiImageBuildStep step = new CapiImageBuildStep();
        step.setCredentialsId("vsphere");
        BuildSettings settings = BuildSettings.resolve(step, CapiImageBuilderConfiguration.get(), null, false);
        AgentSecrets secrets = AgentSecrets.NONE
                .withVcenter(PLAIN_USER, Secret.fromString(PASSWORD), false)
                .withRhel(SECRET_USER, Secret.fromString(PASSWORD + "-rhel"), true)
                .withTarget(SECRET_USER + "-dr", Secret.fromString(TARGET_PASSWORD), true);
        ImageBuildCallable callable = new ImageBuildCallable(
                settings, secrets, "jenkins-job-1a2b3c4d-7-9e8f7a6b", Map.of(), "7", TaskListener.NULL);
        for (String text : List.of(callable.toString(), secrets.toString())) {
            for (String hidden : List.of(SECRET_USER, PLAIN_USER, PASSWORD, TARGET_PASSWORD)) {
                assertFalse(text.contains(hidden), text);
            }
        }
        assertTrue(callable.toString().contains("jenkins-job-1a2b3c4d-7-9e8f7a6b"), callable.toString());
        assertTrue(secrets.maskingValues().contains(SECRET_USER), "a user name marked secret is masked");
        assertFalse(secrets.maskingValues().contains(PLAIN_USER), "a plain user name is not masked");
        assertTrue(
                secrets.maskingValues().containsAll(List.of(TARGET_PASSWORD, SECRET_USER + "-dr")),
                "the controller masks every publish target's password and secret user name");
    }

    /** Every new parameter reaches core's request, with agent paths resolved against the workspace. */
    @Test
    void theRequestCarriesPublishingAirGapCustomisationAndTheBuildVmCleanUp(JenkinsRule r) throws Exception {
        CapiImageBuildStep step = new CapiImageBuildStep();
        step.setCredentialsId("vsphere");
        step.setRemoveBuildVm(true);
        VcenterTarget dr = new VcenterTarget();
        dr.setServer("dr.example.com");
        dr.setCredentialsId("dr-vcenter");
        dr.setDatacenter("DR");
        dr.setCaFile("ca/dr.pem");
        Publishing publish = new Publishing();
        publish.setNamePattern("{os}-kube-v{k8s}-{build}");
        publish.setTargets(List.of(dr));
        step.setPublish(publish);
        Airgap airgap = new Airgap();
        airgap.setArchive("bundles/capi-image-builder-v4.6.24.tgz");
        step.setAirgap(airgap);
        StaticAddress address = new StaticAddress();
        address.setIp("10.20.30.40");
        step.setStaticIp(address);
        step.setPreScripts(List.of("ci/pre/*.sh"));
        step.setKickstart("ks.cfg");
        step.setRhsmWorkaround("on");
        BuildSettings settings = BuildSettings.resolve(step, CapiImageBuilderConfiguration.get(), null, false);
        AgentSecrets secrets = AgentSecrets.NONE
                .withVcenter(PLAIN_USER, Secret.fromString(PASSWORD), false)
                .withTarget("dr-builder", Secret.fromString(TARGET_PASSWORD), false);

        BuildRequest request = new ImageBuildCallable(settings, secrets, "run-1", Map.of(), "42", TaskListener.NULL)
                .request(WORKSPACE);

        assertTrue(request.removeBuildVm());
        assertEquals(
                WORKSPACE.resolve("bundles/capi-image-builder-v4.6.24.tgz"),
                request.airgap().source());
        assertEquals(WORKSPACE, request.customization().baseDir());
        assertEquals(List.of("ci/pre/*.sh"), request.customization().scripts().pre());
        assertEquals("10.20.30.40", request.customization().staticIp().ip());
        assertEquals(WORKSPACE.resolve("ks.cfg"), request.customization().kickstartFile());
        assertEquals(RhsmWorkaround.Mode.ON, request.customization().rhsm());
        assertEquals("42", request.publish().buildId());
        assertTrue(request.publish().toConfigVcenter());
        PublishTarget target = request.publish().otherTargets().get(0);
        assertEquals("dr-builder", target.user());
        assertEquals(TARGET_PASSWORD, target.password());
        assertEquals(WORKSPACE.resolve("ca/dr.pem"), target.tls().caFile());
        assertTrue(request.publish().secrets().contains(TARGET_PASSWORD), "core masks it on the agent");
        assertFalse(request.toString().contains(TARGET_PASSWORD), request.toString());
    }

    @Test
    void withoutTheNewParametersCoreGetsItsDefaults(JenkinsRule r) throws Exception {
        BuildSettings settings =
                BuildSettings.resolve(new CapiImageBuildStep(), CapiImageBuilderConfiguration.get(), null, false);
        BuildRequest request = new ImageBuildCallable(
                        settings, AgentSecrets.NONE, "run-1", Map.of(), "1", TaskListener.NULL)
                .request(WORKSPACE);
        assertFalse(request.removeBuildVm());
        assertNull(request.publish());
        assertNull(request.airgap());
        assertFalse(request.customization().requested());
    }
}
