package io.jenkins.plugins.capi.jenkins.customize;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.Util;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.util.FormValidation;
import io.jenkins.plugins.capi.config.Setting;
import io.jenkins.plugins.capi.customize.StaticIp;
import io.jenkins.plugins.capi.jenkins.Messages;
import io.jenkins.plugins.capi.jenkins.form.ParameterChecks;
import java.util.Arrays;
import java.util.List;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * The {@code staticIp} block of both steps: a static IPv4 address for the build VM instead of DHCP (core's
 * {@link StaticIp}). In a script:
 * {@code staticIp: [ip: '10.20.30.40', netmask: '24', gateway: '10.20.30.1', nameservers: '10.20.30.2 10.20.30.3']}.
 */
public final class StaticAddress implements Describable<StaticAddress> {

    private String ip;
    private String netmask;
    private String gateway;
    private String nameservers;
    private String hostname;

    @DataBoundConstructor
    public StaticAddress() {}

    public String getIp() {
        return ip;
    }

    @DataBoundSetter
    public void setIp(String ip) {
        this.ip = Util.fixEmptyAndTrim(ip);
    }

    /** Dotted decimal or a prefix length ({@code 24}, {@code /24}). */
    public String getNetmask() {
        return netmask;
    }

    @DataBoundSetter
    public void setNetmask(String netmask) {
        this.netmask = Util.fixEmptyAndTrim(netmask);
    }

    public String getGateway() {
        return gateway;
    }

    @DataBoundSetter
    public void setGateway(String gateway) {
        this.gateway = Util.fixEmptyAndTrim(gateway);
    }

    /** DNS servers, separated by spaces or commas. */
    public String getNameservers() {
        return nameservers;
    }

    @DataBoundSetter
    public void setNameservers(String nameservers) {
        this.nameservers = Util.fixEmptyAndTrim(nameservers);
    }

    /** Optional; without it the kickstart's own host name is kept. */
    public String getHostname() {
        return hostname;
    }

    @DataBoundSetter
    public void setHostname(String hostname) {
        this.hostname = Util.fixEmptyAndTrim(hostname);
    }

    /** The name servers as one list: the field takes them separated by spaces or commas. */
    static List<String> nameserverList(String text) {
        String t = Util.fixEmptyAndTrim(text);
        return t == null ? List.of() : Arrays.asList(t.split("[\\s,]+"));
    }

    @Extension
    public static final class DescriptorImpl extends Descriptor<StaticAddress> {

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.StaticAddress_DisplayName();
        }

        @POST
        public FormValidation doCheckIp(
                @QueryParameter String value,
                @QueryParameter String netmask,
                @QueryParameter String gateway,
                @QueryParameter String nameservers,
                @QueryParameter String hostname) {
            return check(Setting.STATIC_IP, value, netmask, gateway, nameservers, hostname);
        }

        @POST
        public FormValidation doCheckNetmask(
                @QueryParameter String ip,
                @QueryParameter String value,
                @QueryParameter String gateway,
                @QueryParameter String nameservers,
                @QueryParameter String hostname) {
            return check(Setting.NETMASK, ip, value, gateway, nameservers, hostname);
        }

        @POST
        public FormValidation doCheckGateway(
                @QueryParameter String ip,
                @QueryParameter String netmask,
                @QueryParameter String value,
                @QueryParameter String nameservers,
                @QueryParameter String hostname) {
            return check(Setting.GATEWAY, ip, netmask, value, nameservers, hostname);
        }

        @POST
        public FormValidation doCheckNameservers(
                @QueryParameter String ip,
                @QueryParameter String netmask,
                @QueryParameter String gateway,
                @QueryParameter String value,
                @QueryParameter String hostname) {
            return check(Setting.NAMESERVERS, ip, netmask, gateway, value, hostname);
        }

        @POST
        public FormValidation doCheckHostname(
                @QueryParameter String ip,
                @QueryParameter String netmask,
                @QueryParameter String gateway,
                @QueryParameter String nameservers,
                @QueryParameter String value) {
            return check(Setting.HOSTNAME, ip, netmask, gateway, nameservers, value);
        }

        /** Core's check of the whole address, shown at the field it is about. */
        private static FormValidation check(
                Setting field, String ip, String netmask, String gateway, String nameservers, String hostname) {
            StaticIp address = new StaticIp(ip, netmask, gateway, nameserverList(nameservers), hostname);
            return ParameterChecks.findings(address.check().findings().stream()
                    .filter(f -> f.setting() == field)
                    .toList());
        }
    }
}
