package io.jenkins.plugins.capi.jenkins.credentials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.CredentialsStore;
import com.cloudbees.plugins.credentials.domains.Domain;
import com.cloudbees.plugins.credentials.domains.DomainRequirement;
import com.cloudbees.plugins.credentials.domains.HostnameRequirement;
import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl;
import hudson.AbortException;
import hudson.model.Cause;
import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Item;
import hudson.model.ParametersAction;
import hudson.model.ParametersDefinitionProperty;
import hudson.model.User;
import hudson.security.ACL;
import hudson.security.ACLContext;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.capi.config.CompatibilityMode;
import io.jenkins.plugins.capi.jenkins.JenkinsFixtures;
import io.jenkins.plugins.capi.jenkins.agent.AgentSecrets;
import io.jenkins.plugins.capi.jenkins.config.CapiImageBuilderConfiguration;
import io.jenkins.plugins.capi.jenkins.form.VcenterConnectionCheck;
import io.jenkins.plugins.capi.jenkins.freestyle.CapiImageBuilder;
import io.jenkins.plugins.capi.jenkins.run.BuildSettings;
import io.jenkins.plugins.capi.testing.FakeBuilder;
import io.jenkins.plugins.capi.testing.SecretScan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import jenkins.model.Jenkins;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.CreateFileBuilder;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;
import org.springframework.security.access.AccessDeniedException;

@WithJenkins
class CredentialsUseTest {

    private static final String SECRET_USER = "Secret-User-Name-6c2f";

    private JenkinsRule r;
    private FreeStyleProject project;
    private UsernamePasswordCredentialsImpl vsphere;
    private CredentialsStore store;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        r = rule;
        vsphere = JenkinsFixtures.addVsphereCredentials(r);
        store = CredentialsProvider.lookupStores(r.jenkins).iterator().next();
        project = r.createFreeStyleProject("images");
        r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.ADMINISTER)
                .everywhere()
                .to("admin", "alpha")
                .grant(Jenkins.READ, Item.READ)
                .everywhere()
                .to("reader")
                .grant(Jenkins.READ, Item.READ, Item.EXTENDED_READ, Item.CONFIGURE)
                .everywhere()
                .to("configurer"));
    }

    @Test
    void configuringUsersSeeTheCredentialsOthersOnlyTheCurrentValue() {
        try (ACLContext ignored = ACL.as2(User.getById("admin", true).impersonate2())) {
            ListBoxModel items = CredentialsChoices.usernamePasswordItems(project, "", List.of());
            assertTrue(items.stream().anyMatch(o -> o.value.equals("vsphere")), "admin sees the credentials");
            assertEquals(
                    FormValidation.Kind.OK, CredentialsChoices.check(project, "vsphere", true, "", List.of()).kind);
            assertEquals(
                    FormValidation.Kind.ERROR, CredentialsChoices.check(project, "missing", true, "", List.of()).kind);
        }
        try (ACLContext ignored = ACL.as2(User.getById("reader", true).impersonate2())) {
            ListBoxModel items = CredentialsChoices.usernamePasswordItems(project, "current-id", List.of());
            assertEquals(
                    List.of("current-id"),
                    items.stream().map(o -> o.value).toList(),
                    "a reader must not enumerate credentials");
        }
    }

    /**
     * The drop-down offers only what the build would accept: credentials in a domain for another vCenter are not
     * listed once the server is known, the check says why, and the build refuses them by the same rule.
     */
    @Test
    void listsAndChecksApplyTheDomainTheBuildApplies() throws Exception {
        Domain other = new Domain(
                "other-vcenter", null, List.of(CredentialsPluginTypes.hostnameSpecification("other.example.com")));
        store.addDomain(
                other,
                new UsernamePasswordCredentialsImpl(
                        CredentialsScope.GLOBAL, "vc-other", null, "someone", "Other-Domain-Passw0rd"));
        try (ACLContext ignored = ACL.as2(User.getById("admin", true).impersonate2())) {
            List<String> forOurs =
                    CredentialsChoices.usernamePasswordItems(project, "", CredentialDomains.vcenter("vc.example.com"))
                            .stream()
                            .map(o -> o.value)
                            .toList();
            assertTrue(forOurs.contains("vsphere"), forOurs.toString());
            assertFalse(forOurs.contains("vc-other"), "offered although the build would refuse it: " + forOurs);
            List<String> forTheirs =
                    CredentialsChoices.usernamePasswordItems(
                                    project, "", CredentialDomains.vcenter("other.example.com"))
                            .stream()
                            .map(o -> o.value)
                            .toList();
            assertTrue(forTheirs.contains("vc-other"), forTheirs.toString());
            FormValidation check = CredentialsChoices.check(
                    project, "vc-other", true, "", CredentialDomains.vcenter("vc.example.com"));
            assertEquals(FormValidation.Kind.ERROR, check.kind);
            assertTrue(check.getMessage().contains("domain"), check.getMessage());
        }
        CapiImageBuilder builder = new CapiImageBuilder();
        builder.setCredentialsId("vc-other");
        BuildSettings settings = BuildSettings.resolve(builder, CapiImageBuilderConfiguration.get(), null, false);
        FreeStyleBuild build = r.buildAndAssertSuccess(r.createFreeStyleProject());
        assertThrows(AbortException.class, () -> BuildCredentials.resolve(build, settings, "vc.example.com"));
        assertNotNull(BuildCredentials.resolve(build, settings, "other.example.com"));
    }

    /**
     * {@code ${VC}} names a Credentials parameter. The credentials plugin resolves it for the user who started the
     * build, which finds credentials in that user's own store; expanding {@code ${VC}} first would look the id up
     * for the job instead and miss them.
     */
    @Test
    void aCredentialsParameterFindsTheUsersOwnCredentials() throws Exception {
        User alpha = User.getById("alpha", true);
        UsernamePasswordCredentialsImpl own = new UsernamePasswordCredentialsImpl(
                CredentialsScope.USER, "alpha-vcenter", null, "alpha@vsphere.local", "Alpha-Own-Passw0rd-4e8d");
        try (ACLContext ignored = ACL.as2(alpha.impersonate2())) {
            CredentialsProvider.lookupStores(alpha).iterator().next().addCredentials(Domain.global(), own);
        }
        FreeStyleProject p = r.createFreeStyleProject("by-parameter");
        p.addProperty(new ParametersDefinitionProperty(CredentialsPluginTypes.credentialsParameter("VC")));
        p.getBuildersList().add(new CreateFileBuilder("imageconfig", FakeBuilder.imageconfig("rocky-8")));
        p.getBuildersList().add(new CreateFileBuilder("capi-output/" + FakeBuilder.ISO_NAME, FakeBuilder.ISO_CONTENT));
        CapiImageBuilder builder = new CapiImageBuilder();
        builder.setCredentialsId("${VC}");
        builder.setPreflight(false);
        builder.setCompatibility(CompatibilityMode.OFF);
        // No engine answers there: the build fails after the credentials were looked up and sent to the agent.
        builder.setDockerHost("unix:///nonexistent/capi-test/docker.sock");
        p.getBuildersList().add(builder);
        FreeStyleBuild b = r.waitForCompletion(p.scheduleBuild2(
                        0,
                        new Cause.UserIdCause("alpha"),
                        new ParametersAction(CredentialsPluginTypes.credentialsParameterValue("VC", "alpha-vcenter")))
                .waitForStart());
        r.assertLogNotContains("no username/password credentials", b);
        r.assertLogContains("[capi] building with", b);
        assertNotNull(CredentialsProvider.getFingerprintOf(own), "the user's credentials were used and tracked");
        r.assertLogNotContains("Alpha-Own-Passw0rd-4e8d", b);
        SecretScan.assertNoFileContains(b.getRootDir().toPath(), "Alpha-Own-Passw0rd-4e8d");
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

    /**
     * A user who may configure the job but is no administrator learns nothing about the controller's files from the
     * CA file field: a readable file, a missing one and a malformed path all give the same answer, and none a 500.
     */
    @Test
    void testConnectionReadsNoControllerFileForANonAdministrator(@TempDir Path dir) throws Exception {
        Path readable = Files.writeString(dir.resolve("ca.pem"), "not a certificate");
        // Port 1 on the loopback interface: refused at once, so the answer does not depend on the network.
        String closed = "127.0.0.1:1";
        try (ACLContext ignored = ACL.as2(User.getById("configurer", true).impersonate2())) {
            FormValidation withFile =
                    VcenterConnectionCheck.test(project, closed, "vsphere", readable.toString(), false);
            FormValidation missing = VcenterConnectionCheck.test(
                    project, closed, "vsphere", dir.resolve("nope.pem").toString(), false);
            FormValidation malformed = VcenterConnectionCheck.test(project, closed, "vsphere", "bad\u0000path", false);
            for (FormValidation v : List.of(missing, malformed)) {
                assertEquals(withFile.kind, v.kind);
                assertEquals(withFile.renderHtml(), v.renderHtml());
            }
            assertTrue(withFile.renderHtml().contains("administrators"), withFile.renderHtml());
        }
        try (ACLContext ignored = ACL.as2(User.getById("admin", true).impersonate2())) {
            FormValidation malformed = VcenterConnectionCheck.test(project, closed, "vsphere", "bad\u0000path", false);
            assertEquals(FormValidation.Kind.ERROR, malformed.kind);
            assertTrue(malformed.getMessage().contains("not a valid path"), malformed.getMessage());
        }
    }

    @Test
    void lookupForARunTracksUsageAndKeepsSecretsOutOfToString() throws Exception {
        UsernamePasswordCredentialsImpl secretUser = new UsernamePasswordCredentialsImpl(
                CredentialsScope.GLOBAL, "rhel", null, SECRET_USER, "Rhel-Passw0rd-19af");
        secretUser.setUsernameSecret(true);
        store.addCredentials(Domain.global(), secretUser);
        CapiImageBuilder builder = new CapiImageBuilder();
        builder.setCredentialsId("vsphere");
        builder.setRhelCredentialsId("rhel");
        BuildSettings settings = BuildSettings.resolve(builder, CapiImageBuilderConfiguration.get(), null, false);
        var build = r.buildAndAssertSuccess(project);
        AgentSecrets secrets = BuildCredentials.resolve(build, settings, "vcenter.lab.example.com");
        assertTrue(secrets.hasVcenter());
        assertEquals(
                Set.of(FakeBuilder.PLANTED_PASSWORD, SECRET_USER, "Rhel-Passw0rd-19af"),
                Set.copyOf(secrets.maskingValues()));
        for (String hidden :
                List.of(FakeBuilder.PLANTED_PASSWORD, SECRET_USER, "Rhel-Passw0rd-19af", "builder@vsphere.local")) {
            assertFalse(secrets.toString().contains(hidden), secrets.toString());
        }
        assertNotNull(CredentialsProvider.getFingerprintOf(vsphere), "usage was tracked");
        assertTrue(CredentialsProvider.getFingerprintOf(vsphere).getJobs().contains("images"));
    }

    /** Registry credentials are looked up for the registry core pulls from: Docker Hub names mean docker.io. */
    @Test
    void registryCredentialsAreLookedUpForTheRegistryCorePullsFrom() {
        assertEquals(
                List.of("us-docker.pkg.dev"),
                hostnames(CredentialDomains.registry(
                        "us-docker.pkg.dev/palette-images/palette/imagebuilder/capi-builder:v4.6.24")));
        assertEquals(List.of("localhost"), hostnames(CredentialDomains.registry("localhost/capi-fake-builder:latest")));
        assertEquals(List.of("docker.io"), hostnames(CredentialDomains.registry("library/ubuntu:24.04")));
        assertEquals(List.of("docker.io"), hostnames(CredentialDomains.registry("ubuntu")));
        assertEquals(List.of(), CredentialDomains.registry("Not An Image"), "an invalid reference is core's to refuse");
    }

    private static List<String> hostnames(List<DomainRequirement> requirements) {
        return requirements.stream()
                .filter(HostnameRequirement.class::isInstance)
                .map(r -> ((HostnameRequirement) r).getHostname())
                .toList();
    }
}
