package io.jenkins.plugins.capi.jenkins;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.domains.Domain;
import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl;
import io.jenkins.plugins.capi.testing.FakeBuilder;
import org.jvnet.hudson.test.JenkinsRule;

/** What the plugin's JenkinsRule tests set up the same way (core's test support has the rest). */
public final class JenkinsFixtures {

    /** The id of the vCenter credentials {@link #addVsphereCredentials} adds. */
    public static final String VSPHERE = "vsphere";

    private JenkinsFixtures() {}

    /** Global vCenter credentials {@value #VSPHERE} whose password is the planted one the fake builder prints. */
    public static UsernamePasswordCredentialsImpl addVsphereCredentials(JenkinsRule r) throws Exception {
        UsernamePasswordCredentialsImpl c = new UsernamePasswordCredentialsImpl(
                CredentialsScope.GLOBAL,
                VSPHERE,
                "vCenter builder",
                "builder@vsphere.local",
                FakeBuilder.PLANTED_PASSWORD);
        CredentialsProvider.lookupStores(r.jenkins).iterator().next().addCredentials(Domain.global(), c);
        return c;
    }
}
