package io.jenkins.plugins.capi.customize;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.capi.config.Finding;
import io.jenkins.plugins.capi.config.Setting;
import java.util.List;
import org.junit.jupiter.api.Test;

class StaticIpTest {

    private static StaticIp ip(String address, String mask, String gateway, String... dns) {
        return new StaticIp(address, mask, gateway, List.of(dns), null);
    }

    private static List<Finding> errors(StaticIp ip) {
        return ip.check().findings().stream().filter(Finding::isError).toList();
    }

    @Test
    void aPrefixLengthBecomesTheDottedMaskOfTheKickstartLine() {
        StaticIp.Checked c = ip("10.20.30.40", "/22", "10.20.28.1", "10.20.0.53", "10.20.0.54").check();
        assertThat(c.findings()).isEmpty();
        assertThat(c.settings().orElseThrow().staticOptions()).isEqualTo("--bootproto=static --ip=10.20.30.40"
                + " --netmask=255.255.252.0 --gateway=10.20.28.1 --nameserver=10.20.0.53,10.20.0.54");
    }

    @Test
    void nothingGivenMeansDhcpAndNoFindings() {
        assertThat(StaticIp.NONE.requested()).isFalse();
        assertThat(StaticIp.NONE.check().findings()).isEmpty();
        assertThat(new StaticIp(" ", "", null, List.of(" "), "").requested()).isFalse();
    }

    @Test
    void aGatewayOutsideTheSubnetIsNamedWithTheSubnetAndTheFixPasses() {
        List<Finding> e = errors(ip("192.168.10.20", "255.255.255.0", "192.168.11.1", "192.168.10.2"));
        assertThat(e).singleElement().satisfies(f -> {
            assertThat(f.setting()).isEqualTo(Setting.GATEWAY);
            assertThat(f.location().source()).isEqualTo("gateway");
            assertThat(f.message()).isEqualTo("the gateway '192.168.11.1' is outside the VM's subnet 192.168.10.0/24"
                    + " (static IP 192.168.10.20, netmask 255.255.255.0)");
            assertThat(f.hint()).contains("192.168.10.1 to 192.168.10.254").contains("correct the netmask");
        });
        // the hint, applied either way
        assertThat(errors(ip("192.168.10.20", "255.255.255.0", "192.168.10.1", "192.168.10.2"))).isEmpty();
        assertThat(errors(ip("192.168.10.20", "23", "192.168.11.1", "192.168.10.2"))).isEmpty();
    }

    @Test
    void theNetworkAndBroadcastAddressAreNotHostAddresses() {
        assertThat(errors(ip("10.0.0.0", "24", "10.0.0.1", "10.0.0.2"))).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("network address of 10.0.0.0/24"))
                .satisfies(f -> assertThat(f.hint()).contains("10.0.0.1 to 10.0.0.254"));
        assertThat(errors(ip("10.0.0.255", "24", "10.0.0.1", "10.0.0.2"))).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("broadcast address of 10.0.0.0/24"));
        assertThat(errors(ip("10.0.0.1", "24", "10.0.0.255", "10.0.0.2"))).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("'10.0.0.255' is the broadcast address"));
        assertThat(errors(ip("10.0.0.10", "24", "10.0.0.10", "10.0.0.2"))).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("the VM's own address"));
        assertThat(errors(ip("10.0.0.10", "24", "10.0.0.1", "10.0.0.2"))).isEmpty();
    }

    @Test
    void badAddressesAndMasksSayWhatIsWrongWithThem() {
        assertThat(errors(ip("10.0.0.300", "24", "10.0.0.1", "10.0.0.2"))).singleElement()
                .satisfies(f -> assertThat(f.message()).isEqualTo("the static IP '10.0.0.300' has the part '300', more than 255"));
        assertThat(errors(ip("10.0.0.010", "24", "10.0.0.1", "10.0.0.2"))).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("leading zero; write 10"));
        assertThat(errors(ip("10.0.0", "24", "10.0.0.1", "10.0.0.2"))).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("has 3 parts, not the 4"));
        assertThat(errors(ip("10.0.0.5", "255.0.255.0", "10.0.0.1", "10.0.0.2"))).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("not a valid mask"))
                .satisfies(f -> assertThat(f.hint()).contains("255.255.255.0"));
        assertThat(errors(ip("10.0.0.5", "33", "10.0.0.1", "10.0.0.2"))).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("above 32"));
        assertThat(errors(ip("10.0.0.5", "31", "10.0.0.4", "10.0.0.2"))).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("/31) leaves no room"));
        assertThat(errors(ip("127.0.0.5", "8", "127.0.0.1", "10.0.0.2"))).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("loopback"));
    }

    @Test
    void missingPartsAreNamedByTheirSetting() {
        List<Finding> e = errors(new StaticIp("10.0.0.5", null, null, List.of(), null));
        assertThat(e).extracting(Finding::setting).containsExactly(Setting.NETMASK, Setting.GATEWAY, Setting.NAMESERVERS);
        assertThat(e).extracting(Finding::message).containsExactly("a static IP needs a netmask",
                "a static IP needs a gateway", "a static IP needs a name server");
        assertThat(e).allSatisfy(f -> {
            assertThat(f.key()).isNull();
            assertThat(f.location().source()).isEqualTo(f.setting().label());
            assertThat(f.hint()).startsWith("give ");
        });
    }

    @Test
    void networkOptionsWithoutAnAddressAreRefused() {
        List<Finding> e = errors(new StaticIp(null, "24", "10.0.0.1", List.of(), "vm1"));
        assertThat(e).singleElement().satisfies(f -> {
            assertThat(f.setting()).isEqualTo(Setting.STATIC_IP);
            assertThat(f.message()).startsWith("a netmask, a gateway, a host name are given without a static IP");
            assertThat(f.hint()).contains("give the build VM's static IP as well");
        });
    }

    @Test
    void nameServersAreAddressesAtMostThreeAndEachOnce() {
        assertThat(errors(ip("10.0.0.5", "24", "10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.4", "10.0.0.6")))
                .singleElement().satisfies(f -> assertThat(f.message()).contains("uses only the first 3"));
        assertThat(errors(ip("10.0.0.5", "24", "10.0.0.1", "dns.example.com"))).singleElement()
                .satisfies(f -> assertThat(f.setting()).isEqualTo(Setting.NAMESERVERS));
        StaticIp twice = ip("10.0.0.5", "24", "10.0.0.1", "10.0.0.2", "10.0.0.2");
        assertThat(errors(twice)).isEmpty();
        assertThat(twice.check().findings()).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("given twice"));
        assertThat(twice.check().settings().orElseThrow().staticOptions()).endsWith("--nameserver=10.0.0.2");
    }

    @Test
    void theHostNameMustBeAValidName() {
        StaticIp bad = new StaticIp("10.0.0.5", "24", "10.0.0.1", List.of("10.0.0.2"), "build_vm");
        assertThat(errors(bad)).singleElement().satisfies(f -> {
            assertThat(f.setting()).isEqualTo(Setting.HOSTNAME);
            assertThat(f.message()).contains("'build_vm'");
        });
        assertThat(errors(new StaticIp("10.0.0.5", "24", "10.0.0.1", List.of("10.0.0.2"), "build-vm01"))).isEmpty();
        assertThat(errors(new StaticIp("10.0.0.5", "24", "10.0.0.1", List.of("10.0.0.2"), "vm1.lab.example.com")))
                .isEmpty();
    }
}
