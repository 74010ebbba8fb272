package io.jenkins.plugins.capi.cli;

import io.jenkins.plugins.capi.customize.CustomScripts;
import io.jenkins.plugins.capi.customize.Customization;
import io.jenkins.plugins.capi.customize.RhsmWorkaround;
import io.jenkins.plugins.capi.customize.StaticIp;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Custom scripts, a static IP for the build VM and its kickstart, and the RHSM workaround of clone builds. */
final class CustomizationOptions {

    @Option(names = "--pre-script", paramLabel = "FILE|GLOB",
            description = "A Bash script (or glob) run in the image before the builder's provisioning (builder 4.6.23"
                    + " and later; repeatable, in the order given).")
    List<String> preScripts = new ArrayList<>();

    @Option(names = "--post-script", paramLabel = "FILE|GLOB",
            description = "A Bash script (or glob) run in the image after the builder's provisioning (repeatable).")
    List<String> postScripts = new ArrayList<>();

    @Option(names = "--static-ip", paramLabel = "IP", description = "A static IPv4 address for the build VM.")
    String staticIp;

    @Option(names = "--netmask", paramLabel = "MASK", description = "Its netmask: 255.255.255.0 or a prefix such as 24.")
    String netmask;

    @Option(names = "--gateway", paramLabel = "IP", description = "Its default gateway.")
    String gateway;

    @Option(names = "--nameserver", paramLabel = "IP", description = "A DNS server (repeatable, at most 3).")
    List<String> nameservers = new ArrayList<>();

    @Option(names = "--hostname", paramLabel = "NAME", description = "The build VM's host name (default: the kickstart's).")
    String hostname;

    @Option(names = "--kickstart", paramLabel = "FILE",
            description = "The kickstart (ks.cfg) whose DHCP network line a static IP replaces; staged as ks.cfg.")
    Path kickstart;

    @Option(names = "--rhsm-workaround", paramLabel = "auto|on|off", defaultValue = "auto",
            converter = RhsmModeConverter.class,
            description = "For Rocky builds from an existing VM: remove the builder's erroneous RHSM task before the"
                    + " build, as the vendor documents (default: auto, on where the vendor documents it).")
    RhsmWorkaround.Mode rhsm;

    Customization customization() {
        return new Customization(new CustomScripts(preScripts, postScripts), Path.of("").toAbsolutePath(),
                new StaticIp(staticIp, netmask, gateway, nameservers, hostname), kickstart, rhsm);
    }

    static final class RhsmModeConverter implements picocli.CommandLine.ITypeConverter<RhsmWorkaround.Mode> {
        @Override
        public RhsmWorkaround.Mode convert(String value) {
            try {
                return RhsmWorkaround.Mode.parse(value);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
