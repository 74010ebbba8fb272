package io.jenkins.plugins.capi.jenkins;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.domains.Domain;
import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl;
import hudson.model.Result;
import io.jenkins.plugins.capi.testing.FakeBuilder;
import io.jenkins.plugins.capi.testing.Vcsim;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jvnet.hudson.test.JenkinsRule;

/** What the plugin's JenkinsRule tests set up the same way (core's test support has the rest). */
public final class JenkinsFixtures {

    /** The id of the vCenter credentials {@link #addVsphereCredentials} adds. */
    public static final String VSPHERE = "vsphere";

    /** A line the stand-in builder prints once its build VM exists, long before it ends. */
    public static final String BUILD_VM_CREATED = "==> vsphere-iso.vsphere: Creating virtual machine...";

    /** The places every simulator has: its datacenter, cluster, datastore and network. */
    public static final String VCSIM_DATACENTER = "DC0";

    public static final String VCSIM_CLUSTER = "DC0_C0";
    public static final String VCSIM_DATASTORE = "LocalDS_0";
    public static final String VCSIM_NETWORK = "VM Network";

    private JenkinsFixtures() {}

    /** Global vCenter credentials {@value #VSPHERE} whose password is the planted one the fake builder prints. */
    public static UsernamePasswordCredentialsImpl addVsphereCredentials(JenkinsRule r) throws Exception {
        return addCredentials(r, VSPHERE, "builder@vsphere.local", FakeBuilder.PLANTED_PASSWORD);
    }

    /** Global username/password credentials {@code id}, e.g. a simulator's {@link Vcsim#USER} and its password. */
    public static UsernamePasswordCredentialsImpl addCredentials(JenkinsRule r, String id, String user, String password)
            throws Exception {
        UsernamePasswordCredentialsImpl c =
                new UsernamePasswordCredentialsImpl(CredentialsScope.GLOBAL, id, "test: " + id, user, password);
        CredentialsProvider.lookupStores(r.jenkins).iterator().next().addCredentials(Domain.global(), c);
        return c;
    }

    /**
     * The {@code vcenter_*} keys that point an imageconfig at {@code sim} (folder {@code Templates}, which the
     * simulator must be started with), as a Groovy map's entries.
     */
    public static String vcsimOverrides(Vcsim sim) {
        return "vcenter_server: '" + sim.server() + "', vcenter_datacenter: '" + VCSIM_DATACENTER
                + "', vcenter_folder: 'Templates', vcenter_cluster: '" + VCSIM_CLUSTER + "', vcenter_datastore: '"
                + VCSIM_DATASTORE + "', vcenter_network: '" + VCSIM_NETWORK + "'";
    }

    /** A publish target on {@code sim} in folder {@code folder}, as a Groovy map. */
    public static String vcsimTarget(Vcsim sim, String credentialsId, String folder, String datastore) {
        return "[server: '" + sim.server() + "', credentialsId: '" + credentialsId + "', datacenter: '"
                + VCSIM_DATACENTER + "', folder: '" + folder + "', datastore: '" + datastore + "', network: '"
                + VCSIM_NETWORK + "', cluster: '" + VCSIM_CLUSTER + "', caFile: '" + sim.caFile() + "']";
    }

    /**
     * Opens {@code node('capi') {}} and writes the stand-in builder's imageconfig for {@code imageName} and its ISO
     * into the workspace; the caller adds the steps and closes the block.
     */
    public static String nodeWithImageconfig(String imageName, String... extraConfigLines) {
        return "node('capi') {\n"
                + "  writeFile file: 'imageconfig', text: '''" + FakeBuilder.imageconfig(imageName, extraConfigLines)
                + "'''\n"
                + "  writeFile file: 'capi-output/" + FakeBuilder.ISO_NAME + "', text: '''" + FakeBuilder.ISO_CONTENT
                + "'''\n";
    }

    /** Runs {@code script} (sandboxed) in a new Pipeline job and expects {@code expected}. */
    public static WorkflowRun runPipeline(JenkinsRule r, String script, Result expected) throws Exception {
        WorkflowJob p = r.createProject(WorkflowJob.class);
        p.setDefinition(new CpsFlowDefinition(script, true));
        return r.assertBuildStatus(expected, p.scheduleBuild2(0));
    }
}
