package io.jenkins.plugins.capi.jenkins.customize;

import hudson.Util;
import io.jenkins.plugins.capi.customize.CustomScripts;
import io.jenkins.plugins.capi.customize.Customization;
import io.jenkins.plugins.capi.customize.RhsmWorkaround;
import io.jenkins.plugins.capi.customize.StaticIp;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The customisation parameters of one build, with {@code ${VAR}} references expanded (freestyle): what crosses to
 * the agent, where core's {@link Customization} is built with the workspace as its base folder. Core checks every
 * value (and reads the files) when the build is prepared.
 *
 * @param preScripts  workspace-relative files or globs, in the order given
 * @param kickstart   the kickstart file, relative to the workspace or absolute; null for none
 * @param rhsm        core's reading of {@code rhsmWorkaround}
 */
public record CustomizationInput(
        ArrayList<String> preScripts,
        ArrayList<String> postScripts,
        String ip,
        String netmask,
        String gateway,
        ArrayList<String> nameservers,
        String hostname,
        String kickstart,
        RhsmWorkaround.Mode rhsm)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    public static final CustomizationInput NONE =
            new CustomizationInput(null, null, null, null, null, null, null, null, RhsmWorkaround.Mode.AUTO);

    public CustomizationInput {
        // ArrayLists: plain serialisable JDK classes for the agent channel
        preScripts = copy(preScripts);
        postScripts = copy(postScripts);
        nameservers = copy(nameservers);
        rhsm = rhsm == null ? RhsmWorkaround.Mode.AUTO : rhsm;
    }

    private static ArrayList<String> copy(List<String> values) {
        return values == null ? new ArrayList<>() : new ArrayList<>(values);
    }

    /**
     * @param staticIp the {@code staticIp} block, or null for DHCP
     * @param rhsm     {@code auto}, {@code on} or {@code off}, as core reads it
     * @param expand   identity for Pipeline, the build's environment for freestyle
     * @throws IllegalArgumentException from core's reading of {@code rhsm}
     */
    public static CustomizationInput of(
            List<String> preScripts,
            List<String> postScripts,
            StaticAddress staticIp,
            String kickstart,
            String rhsm,
            UnaryOperator<String> expand) {
        return new CustomizationInput(
                expandAll(preScripts, expand),
                expandAll(postScripts, expand),
                staticIp == null ? null : expanded(staticIp.getIp(), expand),
                staticIp == null ? null : expanded(staticIp.getNetmask(), expand),
                staticIp == null ? null : expanded(staticIp.getGateway(), expand),
                staticIp == null
                        ? null
                        : new ArrayList<>(StaticAddress.nameserverList(expanded(staticIp.getNameservers(), expand))),
                staticIp == null ? null : expanded(staticIp.getHostname(), expand),
                expanded(kickstart, expand),
                RhsmWorkaround.Mode.parse(rhsm));
    }

    /** Text with one file or glob per line (the freestyle form) as a list; blank lines are left out. */
    public static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        if (text != null) {
            for (String line : text.split("\\R")) {
                if (!line.isBlank()) {
                    out.add(line.strip());
                }
            }
        }
        return out;
    }

    private static ArrayList<String> expandAll(List<String> values, UnaryOperator<String> expand) {
        ArrayList<String> out = new ArrayList<>();
        if (values != null) {
            for (String v : values) {
                String e = expanded(v, expand);
                if (e != null) {
                    out.add(e);
                }
            }
        }
        return out;
    }

    private static String expanded(String value, UnaryOperator<String> expand) {
        return value == null ? null : Util.fixEmptyAndTrim(expand.apply(value));
    }

    /** Core's customisation on the agent; relative scripts and the kickstart are read from the workspace. */
    public Customization toCustomization(Path workspace) {
        return new Customization(
                new CustomScripts(preScripts, postScripts),
                workspace,
                new StaticIp(ip, netmask, gateway, nameservers, hostname),
                kickstart == null ? null : Path.of(kickstart),
                rhsm);
    }
}
