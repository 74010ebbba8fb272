package io.jenkins.plugins.capi.jenkins.customize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.util.FormValidation;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** Each field of the static IP block shows core's finding about that field, checked with the others. */
@WithJenkins
class StaticAddressTest {

    @Test
    void aGatewayOutsideTheSubnetIsAnErrorAtTheGatewayOnly(JenkinsRule r) {
        StaticAddress.DescriptorImpl d = r.jenkins.getDescriptorByType(StaticAddress.DescriptorImpl.class);
        String ip = "10.20.30.40";
        String mask = "255.255.255.0";
        String gateway = "10.20.31.1";
        String dns = "10.20.30.2";
        FormValidation atGateway = d.doCheckGateway(ip, mask, gateway, dns, null);
        assertEquals(FormValidation.Kind.ERROR, atGateway.kind);
        // FormValidation escapes its message: compare a part without quotes
        assertTrue(atGateway.getMessage().contains("is outside the VM"), atGateway.getMessage());
        assertEquals(FormValidation.Kind.OK, d.doCheckIp(ip, mask, gateway, dns, null).kind);
        assertEquals(FormValidation.Kind.OK, d.doCheckNetmask(ip, mask, gateway, dns, null).kind);
    }

    @Test
    void valuesWithoutAnAddressAreAnErrorAtTheAddress(JenkinsRule r) {
        StaticAddress.DescriptorImpl d = r.jenkins.getDescriptorByType(StaticAddress.DescriptorImpl.class);
        FormValidation atIp = d.doCheckIp("", "24", "10.0.0.1", "", null);
        assertEquals(FormValidation.Kind.ERROR, atIp.kind);
        assertTrue(atIp.getMessage().contains("without a static IP"), atIp.getMessage());
        assertEquals(FormValidation.Kind.OK, d.doCheckIp("", "", "", "", "").kind, "an empty block asks nothing");
    }

    @Test
    void nameServersAreSeparatedBySpacesOrCommasAndCoreCountsThem(JenkinsRule r) {
        StaticAddress.DescriptorImpl d = r.jenkins.getDescriptorByType(StaticAddress.DescriptorImpl.class);
        FormValidation four =
                d.doCheckNameservers("10.0.0.5", "24", "10.0.0.1", "10.0.0.2, 10.0.0.3 10.0.0.4,10.0.0.6", null);
        assertEquals(FormValidation.Kind.ERROR, four.kind);
        assertTrue(four.getMessage().contains("4 name servers"), four.getMessage());
    }
}
