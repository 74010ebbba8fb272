package io.jenkins.plugins.capi.jenkins.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.CredentialsStore;
import com.cloudbees.plugins.credentials.domains.Domain;
import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl;
import hudson.model.FreeStyleProject;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.capi.jenkins.credentials.CredentialsPluginTypes;
import io.jenkins.plugins.capi.jenkins.freestyle.CapiImageBuilder;
import io.jenkins.plugins.capi.jenkins.step.CapiImageBuildStep;
import io.jenkins.plugins.capi.jenkins.step.CapiImagePublishStep;
import java.util.List;
import org.jenkinsci.plugins.workflow.cps.SnippetizerTester;
import org.jenkinsci.plugins.workflow.steps.StepConfigTester;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The publish block as the form, the Snippet Generator and scripts see it, on all three steps. */
@WithJenkins
class PublishingTest {

    private JenkinsRule r;

    @BeforeEach
    void setUp(JenkinsRule rule) {
        r = rule;
    }

    static VcenterTarget drSite() {
        VcenterTarget t = new VcenterTarget();
        t.setServer("dr.example.com");
        t.setCredentialsId("dr-vcenter");
        t.setDatacenter("DR");
        t.setFolder("templates");
        t.setDatastore("ds1");
        t.setNetwork("VM Network");
        t.setCluster("Cluster-B");
        return t;
    }

    static Publishing everyField() {
        VcenterTarget lab = new VcenterTarget();
        lab.setServer("lab.example.com:8443");
        lab.setCredentialsId("lab-vcenter");
        lab.setDatacenter("Lab");
        lab.setFolder("capi/templates");
        lab.setDatastore("vsan");
        lab.setNetwork("Build");
        lab.setResourcePool("builds");
        lab.setCaFile("ca/lab.pem");
        lab.setInsecure(true);
        lab.setContentLibrary("lab-library");
        Publishing p = new Publishing();
        p.setNamePattern("{os}-kube-v{k8s}-{build}");
        p.setOnExisting("REPLACE");
        p.setKeep(3);
        p.setContentLibrary("capi-images");
        p.setToConfigVcenter(false);
        p.setTargets(List.of(drSite(), lab));
        return p;
    }

    @Test
    void thePipelineFormKeepsEveryFieldOfTheBlockAndItsTargets() throws Exception {
        CapiImageBuildStep step = new CapiImageBuildStep();
        step.setCredentialsId("vsphere");
        step.setPublish(everyField());
        CapiImageBuildStep after = new StepConfigTester(r).configRoundTrip(step);
        r.assertEqualDataBoundBeans(step, after);
        assertEquals("replace", after.getPublish().getOnExisting(), "core's reading of the value is kept");
        assertEquals(2, after.getPublish().getTargets().size());
    }

    @Test
    void theFreestyleFormKeepsTheBlock() throws Exception {
        CapiImageBuilder builder = new CapiImageBuilder();
        builder.setPublish(everyField());
        r.assertEqualDataBoundBeans(builder, r.configRoundtrip(builder));
        CapiImageBuilder without = new CapiImageBuilder();
        assertEquals(null, r.configRoundtrip(without).getPublish(), "an unchecked block stays off");
    }

    @Test
    void freestyleJobsStoreTheBlockAndReadItBack() throws Exception {
        FreeStyleProject p = r.createFreeStyleProject();
        CapiImageBuilder builder = new CapiImageBuilder();
        builder.setPublish(everyField());
        p.getBuildersList().add(builder);
        p.save();
        FreeStyleProject stored = (FreeStyleProject) p.getConfigFile().read();
        r.assertEqualDataBoundBeans(builder, stored.getBuildersList().get(CapiImageBuilder.class));
    }

    /**
     * Without its symbol, a block with only defaults would be written {@code publish: []}, which Groovy reads as a
     * list; every snippet below is parsed back to the same step.
     */
    @Test
    void theSnippetGeneratorWritesTheBlockSoThatItParsesBack() throws Exception {
        SnippetizerTester st = new SnippetizerTester(r);
        CapiImageBuildStep step = new CapiImageBuildStep();
        step.setPublish(new Publishing());
        st.assertRoundTrip(step, "capiImageBuild publish: vcenterPublish()");

        Publishing p = new Publishing();
        p.setNamePattern("{os}-kube-v{k8s}-{build}");
        p.setKeep(2);
        p.setToConfigVcenter(false);
        p.setTargets(List.of(drSite()));
        step.setCredentialsId("vsphere");
        step.setPublish(p);
        st.assertRoundTrip(
                step,
                "capiImageBuild credentialsId: 'vsphere', publish: vcenterPublish(keep: 2, namePattern:"
                        + " '{os}-kube-v{k8s}-{build}', targets: [[cluster: 'Cluster-B', credentialsId: 'dr-vcenter',"
                        + " datacenter: 'DR', datastore: 'ds1', folder: 'templates', network: 'VM Network', server:"
                        + " 'dr.example.com']], toConfigVcenter: false)");

        CapiImagePublishStep publish = new CapiImagePublishStep();
        st.assertRoundTrip(publish, "capiImagePublish()");
        publish.setOutputDir("out/rocky");
        publish.setPublish(p);
        publish.setDryRun(true);
        st.assertRoundTrip(
                publish,
                "capiImagePublish dryRun: true, outputDir: 'out/rocky', publish: vcenterPublish(keep: 2, namePattern:"
                        + " '{os}-kube-v{k8s}-{build}', targets: [[cluster: 'Cluster-B', credentialsId: 'dr-vcenter',"
                        + " datacenter: 'DR', datastore: 'ds1', folder: 'templates', network: 'VM Network', server:"
                        + " 'dr.example.com']], toConfigVcenter: false)");
    }

    /** Scripts may write the block as a map, and onExisting in the words of the help (any case). */
    @Test
    void scriptsWriteTheBlockAsAMap() throws Exception {
        CapiImageBuildStep expected = new CapiImageBuildStep();
        Publishing p = new Publishing();
        p.setOnExisting("replace");
        p.setTargets(List.of(drSite()));
        expected.setPublish(p);
        new SnippetizerTester(r)
                .assertParseStep(
                        expected,
                        "capiImageBuild publish: [onExisting: 'replace', targets: [[server: 'dr.example.com',"
                                + " credentialsId: 'dr-vcenter', datacenter: 'DR', folder: 'templates', datastore:"
                                + " 'ds1', network: 'VM Network', cluster: 'Cluster-B']]]");
    }

    @Test
    void aWrongOnExistingIsRefusedWithCoresWords() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> new Publishing().setOnExisting("overwrite"));
        assertEquals("'overwrite' is not one of fail, replace, skip", e.getMessage());
    }

    @Test
    void formChecksUseCoresRules() {
        Publishing.DescriptorImpl d = r.jenkins.getDescriptorByType(Publishing.DescriptorImpl.class);
        FormValidation pattern = d.doCheckNamePattern("{distro}-{k8s}");
        assertEquals(FormValidation.Kind.ERROR, pattern.kind);
        assertTrue(pattern.getMessage().contains("unknown placeholder {distro}"), pattern.getMessage());
        assertEquals(FormValidation.Kind.OK, d.doCheckNamePattern("{os}-kube-v{k8s}-{build}").kind);
        assertEquals(FormValidation.Kind.ERROR, d.doCheckKeep("-1").kind);
        assertEquals(
                List.of("fail", "replace", "skip"),
                d.doFillOnExistingItems().stream().map(o -> o.value).toList());

        VcenterTarget.DescriptorImpl t = r.jenkins.getDescriptorByType(VcenterTarget.DescriptorImpl.class);
        assertEquals(FormValidation.Kind.ERROR, t.doCheckServer("").kind);
        assertEquals(FormValidation.Kind.ERROR, t.doCheckServer("https://vc.example.com/sdk").kind);
        assertEquals(FormValidation.Kind.OK, t.doCheckServer("vc.example.com:8443").kind);
        assertEquals(FormValidation.Kind.ERROR, t.doCheckCredentialsId(null, "", "vc.example.com").kind);
        assertEquals(FormValidation.Kind.WARNING, t.doCheckCaFile("ca.pem", true).kind);
    }

    /** A target's drop-down offers the credentials of its own server's domain, as the build will look them up. */
    @Test
    void aTargetsCredentialsAreListedInTheDomainOfItsServer() throws Exception {
        CredentialsStore store =
                CredentialsProvider.lookupStores(r.jenkins).iterator().next();
        Domain dr =
                new Domain("dr", "DR vCenter", List.of(CredentialsPluginTypes.hostnameSpecification("dr.example.com")));
        store.addDomain(dr);
        store.addCredentials(
                dr,
                new UsernamePasswordCredentialsImpl(CredentialsScope.GLOBAL, "dr-vcenter", "", "u", "Dr-Passw0rd-17a"));
        VcenterTarget.DescriptorImpl t = r.jenkins.getDescriptorByType(VcenterTarget.DescriptorImpl.class);
        ListBoxModel forDr = t.doFillCredentialsIdItems(null, "", "dr.example.com");
        ListBoxModel forLab = t.doFillCredentialsIdItems(null, "", "lab.example.com");
        assertTrue(forDr.stream().anyMatch(o -> o.value.equals("dr-vcenter")), forDr.toString());
        assertTrue(forLab.stream().noneMatch(o -> o.value.equals("dr-vcenter")), forLab.toString());
        assertEquals(FormValidation.Kind.ERROR, t.doCheckCredentialsId(null, "dr-vcenter", "lab.example.com").kind);
    }
}
