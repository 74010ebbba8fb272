package io.jenkins.plugins.capi.jenkins.agent;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.model.TaskListener;
import hudson.util.Secret;
import io.jenkins.plugins.capi.jenkins.config.CapiImageBuilderConfiguration;
import io.jenkins.plugins.capi.jenkins.run.BuildSettings;
import io.jenkins.plugins.capi.jenkins.step.CapiImageBuildStep;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** Remoting prints callables with toString() in its diagnostics: nothing secret may show there. */
@WithJenkins
class ImageBuildCallableTest {

    private static final String SECRET_USER = "Secret-User-7d21";
    private static final String PLAIN_USER = "builder@vsphere.local";
    private static final String PASSWORD = "Callable-Passw0rd-0c9e";

    @Test
    void toStringNamesTheRunAndNoCredential(JenkinsRule r) throws Exception {
        CapiImageBuildStep step = new CapiImageBuildStep();
        step.setCredentialsId("vsphere");
        BuildSettings settings = BuildSettings.resolve(step, CapiImageBuilderConfiguration.get(), null, false);
        AgentSecrets secrets = AgentSecrets.NONE
                .withVcenter(PLAIN_USER, Secret.fromString(PASSWORD), false)
                .withRhel(SECRET_USER, Secret.fromString(PASSWORD + "-rhel"), true);
        ImageBuildCallable callable = new ImageBuildCallable(
                settings, secrets, "jenkins-job-1a2b3c4d-7-9e8f7a6b", Map.of(), TaskListener.NULL);
        for (String text : List.of(callable.toString(), secrets.toString())) {
            for (String hidden : List.of(SECRET_USER, PLAIN_USER, PASSWORD)) {
                assertFalse(text.contains(hidden), text);
            }
        }
        assertTrue(callable.toString().contains("jenkins-job-1a2b3c4d-7-9e8f7a6b"), callable.toString());
        assertTrue(secrets.maskingValues().contains(SECRET_USER), "a user name marked secret is masked");
        assertFalse(secrets.maskingValues().contains(PLAIN_USER), "a plain user name is not masked");
    }
}
