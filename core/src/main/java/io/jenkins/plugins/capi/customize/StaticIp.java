package io.jenkins.plugins.capi.customize;

import static io.jenkins.plugins.capi.config.Setting.GATEWAY;
import static io.jenkins.plugins.capi.config.Setting.HOSTNAME;
import static io.jenkins.plugins.capi.config.Setting.NAMESERVERS;
import static io.jenkins.plugins.capi.config.Setting.NETMASK;
import static io.jenkins.plugins.capi.config.Setting.STATIC_IP;

import io.jenkins.plugins.capi.config.Finding;
import io.jenkins.plugins.capi.config.Setting;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A static IPv4 address for the build VM, as the user typed it. Without one the VM takes DHCP on
 * {@code vcenter_network}; with one, the kickstart's DHCP {@code network} line is replaced (see {@link Kickstart}).
 *
 * @param ip          the VM's address
 * @param netmask     dotted decimal or a prefix length ({@code 24}, {@code /24})
 * @param gateway     the default gateway, inside the VM's subnet
 * @param nameservers DNS servers, at most {@value #MAX_NAMESERVERS}
 * @param hostname    optional; otherwise the kickstart's own host name is kept
 */
public record StaticIp(String ip, String netmask, String gateway, List<String> nameservers, String hostname) {

    /** The resolver reads only the first three {@code nameserver} entries. */
    public static final int MAX_NAMESERVERS = 3;

    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");

    public static final StaticIp NONE = new StaticIp(null, null, null, List.of(), null);

    public StaticIp {
        ip = blankToNull(ip);
        netmask = blankToNull(netmask);
        gateway = blankToNull(gateway);
        hostname = blankToNull(hostname);
        List<String> ns = new ArrayList<>();
        if (nameservers != null) {
            for (String n : nameservers) {
                if (n != null && !n.isBlank()) {
                    ns.add(n.strip());
                }
            }
        }
        nameservers = List.copyOf(ns);
    }

    /** The checked values, ready for the kickstart line. */
    public record Settings(Ipv4Address address, Netmask mask, Ipv4Address gateway, List<Ipv4Address> nameservers,
                           String hostname) {

        /** {@code --bootproto=static --ip=… --netmask=… --gateway=… --nameserver=a,b}: the options that replace DHCP. */
        public String staticOptions() {
            return "--bootproto=static --ip=" + address + " --netmask=" + mask.dotted() + " --gateway=" + gateway
                    + " --nameserver=" + String.join(",", nameservers.stream().map(Ipv4Address::toString).toList());
        }
    }

    /** @param settings present when {@code findings} hold no error and a static IP was asked for */
    public record Checked(List<Finding> findings, Optional<Settings> settings) {}

    /** Whether any of the network options was given. */
    public boolean requested() {
        return ip != null || netmask != null || gateway != null || !nameservers.isEmpty() || hostname != null;
    }

    /** Every problem with the values, each at its setting and with the fix; nothing is read or changed. */
    public Checked check() {
        List<Finding> findings = new ArrayList<>();
        if (!requested()) {
            return new Checked(findings, Optional.empty());
        }
        if (ip == null) {
            List<String> given = new ArrayList<>();
            if (netmask != null) given.add("a netmask");
            if (gateway != null) given.add("a gateway");
            if (!nameservers.isEmpty()) given.add("name servers");
            if (hostname != null) given.add("a host name");
            findings.add(error(STATIC_IP, String.join(", ", given) + (given.size() == 1 ? " is" : " are")
                    + " given without a static IP; they only apply to one",
                    "give the build VM's static IP as well, or leave them out for DHCP"));
            return new Checked(findings, Optional.empty());
        }
        Ipv4Address address = address(STATIC_IP, "the static IP", ip, findings);
        if (address != null && (address.isLoopback() || address.isMulticastOrReserved() || address.isThisNetwork())) {
            findings.add(error(STATIC_IP, "the static IP '" + ip + "' is a loopback, multicast, reserved or 0.x"
                    + " address, not one a VM can have", "give the address the VM should have on vcenter_network"));
            address = null;
        }
        Netmask mask = null;
        if (netmask == null) {
            findings.add(error(NETMASK, "a static IP needs a netmask", "give the subnet mask, e.g. 255.255.255.0 or 24"));
        } else {
            try {
                mask = Netmask.parse(netmask);
            } catch (IllegalArgumentException e) {
                findings.add(error(NETMASK, "the netmask '" + netmask + "' " + e.getMessage(),
                        "write it in dotted decimal (255.255.255.0) or as a prefix length (24)"));
            }
            if (mask != null && (mask.prefix() == 0 || mask.prefix() > 30)) {
                findings.add(error(NETMASK, "the netmask '" + netmask + "' (/" + mask.prefix() + ") leaves no room for"
                                + " the VM and a gateway in one subnet",
                        "give the subnet's real mask, a prefix from 1 to 30 (e.g. 255.255.255.0 or 24)"));
                mask = null;
            }
        }
        Ipv4Address gw = null;
        if (gateway == null) {
            findings.add(error(GATEWAY, "a static IP needs a gateway", "give the default gateway of the VM's subnet"));
        } else {
            gw = address(GATEWAY, "the gateway", gateway, findings);
        }
        if (address != null && mask != null) {
            String subnet = mask.network(address) + "/" + mask.prefix();
            String range = hostRange(address, mask);
            if (address.equals(mask.network(address))) {
                findings.add(error(STATIC_IP, "the static IP '" + ip + "' is the network address of " + subnet,
                        "use a host address from " + range));
            } else if (address.equals(mask.broadcast(address))) {
                findings.add(error(STATIC_IP, "the static IP '" + ip + "' is the broadcast address of " + subnet,
                        "use a host address from " + range));
            }
            if (gw != null) {
                if (!mask.sameSubnet(address, gw)) {
                    findings.add(error(GATEWAY, "the gateway '" + gateway + "' is outside the VM's subnet " + subnet
                                    + " (static IP " + ip + ", netmask " + mask.dotted() + ")",
                            "use the gateway of " + subnet + " (an address from " + range
                                    + "), or correct the netmask if the subnet is larger"));
                } else if (gw.equals(mask.network(gw)) || gw.equals(mask.broadcast(gw))) {
                    findings.add(error(GATEWAY, "the gateway '" + gateway + "' is the "
                            + (gw.equals(mask.network(gw)) ? "network" : "broadcast") + " address of " + subnet,
                            "use the router's address, one from " + range));
                } else if (gw.equals(address)) {
                    findings.add(error(GATEWAY, "the gateway '" + gateway + "' is the VM's own address",
                            "use the router's address in " + subnet));
                }
            }
        }
        List<Ipv4Address> dns = new ArrayList<>();
        if (nameservers.isEmpty()) {
            findings.add(error(NAMESERVERS, "a static IP needs a name server",
                    "give a DNS server the VM can reach (more than one if you like)"));
        } else if (nameservers.size() > MAX_NAMESERVERS) {
            findings.add(error(NAMESERVERS, nameservers.size() + " name servers are given (" + String.join(", ",
                    nameservers) + "); the VM's resolver uses only the first " + MAX_NAMESERVERS,
                    "give at most " + MAX_NAMESERVERS + " name servers"));
        }
        Set<String> seen = new LinkedHashSet<>();
        for (String n : nameservers) {
            Ipv4Address a = address(NAMESERVERS, "the name server", n, findings);
            if (a != null && (a.isMulticastOrReserved() || a.isThisNetwork())) {
                findings.add(error(NAMESERVERS, "the name server '" + n + "' is a multicast, reserved or 0.x"
                        + " address, not a DNS server", "give the DNS server's address"));
            } else if (a != null && !seen.add(a.toString())) {
                findings.add(SettingFindings.warning(NAMESERVERS, "the name server '" + n + "' is given twice",
                        "give each name server once"));
            } else if (a != null) {
                dns.add(a);
            }
        }
        if (hostname != null) {
            hostnameProblem(hostname).ifPresent(p -> findings.add(error(HOSTNAME, "the host name '" + hostname + "' "
                    + p, "use letters, digits and '-' in dot-separated labels of at most 63 characters, e.g. build-vm01")));
        }
        boolean ok = findings.stream().noneMatch(Finding::isError);
        return new Checked(findings, ok ? Optional.of(new Settings(address, mask, gw, List.copyOf(dns), hostname))
                : Optional.empty());
    }

    private static Ipv4Address address(Setting setting, String what, String value, List<Finding> findings) {
        try {
            return Ipv4Address.parse(value);
        } catch (IllegalArgumentException e) {
            findings.add(error(setting, what + " '" + value + "' " + e.getMessage(),
                    "write an IPv4 address in dotted decimal, e.g. 10.20.30.40"));
            return null;
        }
    }

    private static Finding error(Setting setting, String message, String hint) {
        return SettingFindings.error(setting, message, hint);
    }

    private static String hostRange(Ipv4Address address, Netmask mask) {
        return new Ipv4Address(mask.network(address).bits() + 1) + " to "
                + new Ipv4Address(mask.broadcast(address).bits() - 1);
    }

    /** Why {@code name} cannot be the VM's host name (RFC 1123 labels), or empty. */
    static Optional<String> hostnameProblem(String name) {
        String h = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        if (h.isEmpty() || h.length() > 253) {
            return Optional.of("is not 1 to 253 characters long");
        }
        for (String label : h.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                return Optional.of("has the label '" + label + "', which is not letters, digits and inner '-' (1 to 63)");
            }
        }
        return Optional.empty();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
