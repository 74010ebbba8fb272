package io.jenkins.plugins.capi.jenkins.credentials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.domains.Domain;
import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl;
import hudson.model.FreeStyleProject;
import hudson.model.Item;
import hudson.model.User;
import hudson.security.ACL;
import hudson.security.ACLContext;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.capi.jenkins.agent.AgentSecrets;
import io.jenkins.plugins.capi.jenkins.config.CapiImageBuilderConfiguration;
import io.jenkins.plugins.capi.jenkins.form.VcenterConnectionCheck;
import io.jenkins.plugins.capi.jenkins.freestyle.CapiImageBuilder;
import io.jenkins.plugins.capi.jenkins.run.BuildSettings;
import io.jenkins.plugins.capi.testing.FakeBuilder;
import java.util.List;
import jenkins.model.Jenkins;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;
import org.springframework.security.access.AccessDeniedException;

@WithJenkins
class CredentialsUseTest {

    private JenkinsRule r;
    private FreeStyleProject project;
    private UsernamePasswordCredentialsImpl vsphere;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        r = rule;
        vsphere = new UsernamePasswordCredentialsImpl(
                CredentialsScope.GLOBAL,
                "vsphere",
                "vCenter builder",
                "builder@vsphere.local",
                FakeBuilder.PLANTED_PASSWORD);
        CredentialsProvider.lookupStores(r.jenkins).iterator().next().addCredentials(Domain.global(), vsphere);
        project = r.createFreeStyleProject("images");
        r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.ADMINISTER)
                .everywhere()
                .to("admin")
                .grant(Jenkins.READ, Item.READ)
                .everywhere()
                .to("reader"));
    }

    @Test
    void configuringUsersSeeTheCredentialsOthersOnlyTheCurrentValue() {
        try (ACLContext ignored = ACL.as2(User.getById("admin", true).impersonate2())) {
            ListBoxModel items = CredentialsChoices.usernamePasswordItems(project, "");
            assertTrue(items.stream().anyMatch(o -> o.value.equals("vsphere")), "admin sees the credentials");
            assertEquals(FormValidation.Kind.OK, CredentialsChoices.check(project, "vsphere", true, "").kind);
            assertEquals(FormValidation.Kind.ERROR, CredentialsChoices.check(project, "missing", true, "").kind);
        }
        try (ACLContext ignored = ACL.as2(User.getById("reader", true).impersonate2())) {
            ListBoxModel items = CredentialsChoices.usernamePasswordItems(project, "current-id");
            assertEquals(
                    List.of("current-id"),
                    items.stream().map(o -> o.value).toList(),
                    "a reader must not enumerate credentials");
        }
    }

    @Test
    void testConnectionNeedsConfigurePermissionAndAServer() {
        try (ACLContext ignored = ACL.as2(User.getById("reader", true).impersonate2())) {
            assertThrows(
                    AccessDeniedException.class,
                    () -> VcenterConnectionCheck.test(project, "vcenter.lab.example.com", "vsphere", null, false));
        }
        try (ACLContext ignored = ACL.as2(User.getById("admin", true).impersonate2())) {
            FormValidation noServer = VcenterConnectionCheck.test(project, "", "vsphere", null, false);
            assertEquals(FormValidation.Kind.ERROR, noServer.kind);
            assertTrue(noServer.getMessage().contains("vCenter server"), noServer.getMessage());
            FormValidation unknown =
                    VcenterConnectionCheck.test(project, "vcenter.lab.example.com", "nope", null, false);
            assertEquals(FormValidation.Kind.ERROR, unknown.kind);
        }
    }

    @Test
    void lookupForARunTracksUsageAndKeepsThePasswordOutOfToString() throws Exception {
        CapiImageBuilder builder = new CapiImageBuilder("vsphere");
        BuildSettings settings = BuildSettings.resolve(builder, CapiImageBuilderConfiguration.get(), null, false);
        var build = r.buildAndAssertSuccess(project);
        AgentSecrets secrets = BuildCredentials.resolve(build, settings, "vcenter.lab.example.com");
        assertTrue(secrets.hasVcenter());
        assertEquals(List.of(FakeBuilder.PLANTED_PASSWORD), secrets.maskableValues());
        assertTrue(!secrets.toString().contains(FakeBuilder.PLANTED_PASSWORD), secrets.toString());
        assertNotNull(CredentialsProvider.getFingerprintOf(vsphere), "usage was tracked");
        assertTrue(CredentialsProvider.getFingerprintOf(vsphere).getJobs().contains("images"));
    }

    @Test
    void registryHostFollowsDockersRule() {
        assertEquals(
                "us-docker.pkg.dev",
                BuildCredentials.registryHost(
                        "us-docker.pkg.dev/palette-images/palette/imagebuilder/capi-builder:v4.6.24"));
        assertEquals("localhost", BuildCredentials.registryHost("localhost/capi-fake-builder:latest"));
        assertEquals("registry:5000", BuildCredentials.registryHost("registry:5000/capi:v1"));
        assertNull(BuildCredentials.registryHost("library/ubuntu:24.04"));
        assertNull(BuildCredentials.registryHost("ubuntu"));
    }
}
