package io.jenkins.plugins.capi.customize;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class KickstartTest {

    static final String ROCKY_DHCP = "network --bootproto=dhcp --onboot=on --ipv6=auto --activate --hostname=capv.vm";

    /** A short kickstart of our own with the DHCP line the builder's Rocky kickstarts have. */
    static String rockyKickstart(String eol) {
        return String.join(eol, "# test kickstart", "text", "lang en_US.UTF-8", "", "# Network information",
                ROCKY_DHCP, "rootpw --lock", "%post", "echo done", "%end", "");
    }

    static String rhel8Kickstart() {
        return String.join("\n", "# version=RHEL8", "cdrom", "network --bootproto=dhcp --device=link --activate",
                "network --hostname=rhel8", "firewall --disabled", "");
    }

    private static StaticIp.Settings settings(String hostname) {
        return new StaticIp("10.1.2.3", "24", "10.1.2.1", List.of("10.1.0.53", "10.1.0.54"), hostname)
                .check().settings().orElseThrow();
    }

    @Test
    void theRockyDhcpLineBecomesAStaticLineKeepingItsOtherOptions() {
        Kickstart k = Kickstart.parse("ks", rockyKickstart("\n"));
        Kickstart.Rewritten r = (Kickstart.Rewritten) k.rewrite("rockylinux-8", settings(null));
        String line = "network --bootproto=static --ip=10.1.2.3 --netmask=255.255.255.0 --gateway=10.1.2.1"
                + " --nameserver=10.1.0.53,10.1.0.54 --onboot=on --ipv6=auto --activate --hostname=capv.vm";
        assertThat(r.line()).isEqualTo(line);
        assertThat(r.replaced()).containsExactly(new Kickstart.Line(6, ROCKY_DHCP));
        assertThat(r.text()).isEqualTo(rockyKickstart("\n").replace(ROCKY_DHCP, line));
    }

    @Test
    void aGivenHostNameReplacesTheKickstartsOne() {
        Kickstart.Rewritten r = (Kickstart.Rewritten) Kickstart.parse("ks", rockyKickstart("\n"))
                .rewrite("rockylinux-9", settings("build01.lab"));
        assertThat(r.line()).endsWith(" --activate --hostname=build01.lab");
    }

    @Test
    void rhel8sTwoLinesBecomeOneKeepingTheDeviceChoiceAndTheHostName() {
        Kickstart.Rewritten r = (Kickstart.Rewritten) Kickstart.parse("ks", rhel8Kickstart()).rewrite("rhel-8", settings(null));
        assertThat(r.replaced()).extracting(Kickstart.Line::number).containsExactly(3, 4);
        assertThat(r.line()).isEqualTo("network --bootproto=static --ip=10.1.2.3 --netmask=255.255.255.0"
                + " --gateway=10.1.2.1 --nameserver=10.1.0.53,10.1.0.54 --device=link --activate --hostname=rhel8");
        assertThat(r.text()).isEqualTo("# version=RHEL8\ncdrom\n" + r.line() + "\nfirewall --disabled\n");
    }

    @Test
    void rhel9sSingleLineIsReplacedForRhel9() {
        String ks = "text\nnetwork --bootproto=dhcp --onboot=on --ipv6=auto --activate --hostname=rhel9\n";
        Kickstart.Rewritten r = (Kickstart.Rewritten) Kickstart.parse("ks", ks).rewrite("rhel-9", settings(null));
        assertThat(r.line()).endsWith("--onboot=on --ipv6=auto --activate --hostname=rhel9");
    }

    @Test
    void lineEndsAndExtraBlanksDoNotStopTheMatchAndCrlfFilesStayCrlf() {
        String ks = rockyKickstart("\r\n").replace(ROCKY_DHCP, "  network   --bootproto=dhcp --onboot=on --ipv6=auto"
                + "\t--activate --hostname=capv.vm  ");
        Kickstart.Rewritten r = (Kickstart.Rewritten) Kickstart.parse("ks", ks).rewrite("rockylinux-8", settings(null));
        assertThat(r.text()).contains("\r\n" + r.line() + "\r\n").doesNotContain("dhcp");
        assertThat(r.text().replace("\r\n", "")).doesNotContain("\n");
    }

    @Test
    void aKickstartWithoutTheDocumentedLineListsTheNetworkLinesItHas() {
        String ks = "text\nnetwork --bootproto=dhcp --device=ens192\nnetwork --hostname=custom\n";
        Kickstart.Rewrite r = Kickstart.parse("ks", ks).rewrite("rockylinux-8", settings(null));
        assertThat(r).isEqualTo(new Kickstart.NoDhcpLine(List.of(ROCKY_DHCP), List.of(
                new Kickstart.Line(2, "network --bootproto=dhcp --device=ens192"),
                new Kickstart.Line(3, "network --hostname=custom"))));
    }

    @Test
    void theDocumentedLineTwiceIsReportedWithBothLineNumbers() {
        String ks = ROCKY_DHCP + "\ntext\n" + ROCKY_DHCP + "\n";
        assertThat(Kickstart.parse("ks", ks).rewrite("rockylinux-8", settings(null)))
                .isEqualTo(new Kickstart.DhcpLineTwice(List.of(new Kickstart.Line(1, ROCKY_DHCP),
                        new Kickstart.Line(3, ROCKY_DHCP))));
    }

    @Test
    void theUpstreamAndArchiveKickstartsAreNamedPerOs() {
        assertThat(Kickstart.upstreamUrl("rockylinux-8")).contains("https://raw.githubusercontent.com/"
                + "kubernetes-sigs/image-builder/v0.1.49/images/capi/packer/ova/linux/rockylinux/http/8/ks.cfg.tmpl");
        assertThat(Kickstart.upstreamUrl("rhel-9").orElseThrow()).endsWith("/linux/rhel/http/9/ks.cfg.tmpl");
        assertThat(Kickstart.inArchive(java.nio.file.Path.of("/a"), "rockylinux-9"))
                .contains(java.nio.file.Path.of("/a/kickstart/ks.cfg.rocky9"));
        assertThat(Kickstart.inArchive(java.nio.file.Path.of("/a"), "rhel-8"))
                .contains(java.nio.file.Path.of("/a/kickstart/ks.cfg.rhel8"));
        assertThat(Kickstart.upstreamUrl("ubuntu-2204")).isEmpty();
    }
}
