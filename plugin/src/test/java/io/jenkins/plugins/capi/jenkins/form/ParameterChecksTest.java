package io.jenkins.plugins.capi.jenkins.form;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.util.FormValidation;
import org.junit.jupiter.api.Test;

/** The form answers with core's rules: what the form accepts, the build accepts. */
class ParameterChecksTest {

    /** docker-java's httpclient5 transport speaks unix and tcp only: ssh:// and npipe:// would fail every build. */
    @Test
    void onlyDockerHostsTheEngineClientCanUseAreAccepted() {
        for (String unusable : new String[] {"ssh://builder@docker.example.com", "npipe:////./pipe/docker_engine"}) {
            FormValidation v = ParameterChecks.dockerHost(unusable);
            assertEquals(FormValidation.Kind.ERROR, v.kind, unusable);
            assertTrue(v.getMessage().contains("not supported"), v.getMessage());
        }
        assertEquals(FormValidation.Kind.OK, ParameterChecks.dockerHost("unix:///var/run/docker.sock").kind);
        assertEquals(FormValidation.Kind.OK, ParameterChecks.dockerHost("tcp://docker.example.com:2376").kind);
    }

    @Test
    void builderImagesAreCheckedByCoresImageReference() {
        assertEquals(FormValidation.Kind.ERROR, ParameterChecks.builderImage("Not An Image", "default").kind);
        assertEquals(FormValidation.Kind.WARNING, ParameterChecks.builderImage("registry.example.com/capi", "d").kind);
        assertEquals(
                FormValidation.Kind.OK,
                ParameterChecks.builderImage("us-docker.pkg.dev/palette-images/capi-builder:v4.6.24", "d").kind);
    }

    @Test
    void theVcenterServerFieldUsesTheValidatorsRuleForVcenterServer() {
        FormValidation url = ParameterChecks.vcenterServer("https://vc.example.com/sdk");
        assertEquals(FormValidation.Kind.ERROR, url.kind);
        assertTrue(url.getMessage().contains("vc.example.com"), "the fix is shown: " + url.getMessage());
        assertEquals(FormValidation.Kind.OK, ParameterChecks.vcenterServer("vc.example.com:8443").kind);
    }

    @Test
    void overrideLinesAreReadLikeTheImageconfig() {
        assertEquals(
                FormValidation.Kind.OK,
                ParameterChecks.overrideLines("# cell\nexport k8s_version=1.31.1\nimage_name='rocky 8' # name").kind);
        FormValidation secret = ParameterChecks.overrideLines("vcenter_password=hunter22-typed");
        assertEquals(FormValidation.Kind.ERROR, secret.kind);
        assertTrue(secret.renderHtml().contains("rotate"), secret.renderHtml());
        assertTrue(!secret.renderHtml().contains("hunter22-typed"), "the value is not repeated");
    }
}
