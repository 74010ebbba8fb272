package io.jenkins.plugins.capi.vsphere;

import static io.jenkins.plugins.capi.config.ConfigKey.OS_VERSION;
import static io.jenkins.plugins.capi.config.ConfigKey.VCENTER_TEMPLATE;

import io.jenkins.plugins.capi.config.Finding;
import io.jenkins.plugins.capi.config.ImageConfig;
import io.jenkins.plugins.capi.config.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * What a build from an existing VM needs of the base VM that {@code vcenter_template} names, beyond existing (which
 * {@link Preflight} checks, with the path rules it shares with the builder): a snapshot, because the clone builder
 * clones from one, and a guest OS of the family {@code os_version} names. Read-only.
 */
public final class BaseVmCheck {

    private static final List<String> PATHS = List.of("name", "config.template", "config.guestId",
            "config.guestFullName", "snapshot");
    /** Guest ids vSphere uses for Red Hat Enterprise Linux and its rebuilds, with the major release where it has one. */
    private static final Pattern RHEL_FAMILY = Pattern.compile("(rhel|centos|rockylinux|almalinux|oracleLinux)(\\d*)(_64)?Guest");
    private static final Pattern GENERIC_LINUX = Pattern.compile("other(\\d+x)?Linux(64)?Guest|genericLinuxGuest");

    private BaseVmCheck() {}

    /**
     * Opens its own session. Never throws: an unreachable vCenter is a finding too.
     *
     * @param report the pre-flight of the same config: its resolved {@code vcenter_template} path is the VM checked;
     *               without one (not set, or pre-flight reported it missing) there is nothing to check
     */
    public static List<Finding> run(ImageConfig config, PreflightReport report, String user, String password,
                                    VsphereTls tls, VsphereTimeouts timeouts) {
        String path = report.resolvedPaths().get(VCENTER_TEMPLATE.key());
        if (config.vcenterTemplate().isBlank() || path == null) {
            return List.of();
        }
        try (VimClient client = VimClient.connect(config.vcenterServer(), tls, timeouts)) {
            client.login(user, password);
            return check(client, config, path);
        } catch (VsphereException e) {
            return List.of(Finding.error(VCENTER_TEMPLATE, config.locationOf(VCENTER_TEMPLATE),
                    "the base VM " + path + " could not be checked: " + e.getMessage(),
                    "check that vCenter is reachable and the user may read the VM"));
        }
    }

    /** Checks the VM at {@code vmPath} (an absolute, escaped inventory path) in an open session. */
    public static List<Finding> check(VimClient client, ImageConfig config, String vmPath) throws VsphereException {
        List<Finding> out = new ArrayList<>();
        Optional<MoRef> ref = client.findByInventoryPath(vmPath).filter(r -> "VirtualMachine".equals(r.type()));
        if (ref.isEmpty()) {
            out.add(error(config, "vcenter_template: no VM or template at " + vmPath,
                    "set vcenter_template to the full path of the base VM (e.g. /<datacenter>/vm/<folder>/<name>)"));
            return out;
        }
        ObjectContent vm = client.retrieveOne(ref.get(), PATHS);
        String what = (vm.bool("config.template") ? "template " : "VM ") + vmPath + " (" + ref.get().value() + ")";
        String current = currentSnapshot(vm.values().get("snapshot"));
        if (current == null) {
            out.add(error(config, "the base " + what + " has no snapshot; the clone build clones from one",
                    "take a snapshot of it once it is prepared (vSphere Client: Snapshots > Take Snapshot, or"
                            + " govc snapshot.create -vm '" + vmPath + "' capi-base)"));
        } else {
            out.add(info(config, "the base " + what + " has a snapshot; its current one is '" + current + "'"));
        }
        checkGuest(config, what, vm.text("config.guestId").orElse(""), vm.text("config.guestFullName").orElse(""), out);
        return out;
    }

    private static void checkGuest(ImageConfig config, String what, String guestId, String fullName, List<Finding> out) {
        String os = config.osVersion();
        Matcher family = RHEL_FAMILY.matcher(guestId);
        boolean rhelLike = os.startsWith("rockylinux-") || os.startsWith("rhel-");
        if (!rhelLike) {
            return; // the validator reports an unknown os_version; there is no family to compare with
        }
        String wanted = os.startsWith("rhel-") ? "Red Hat Enterprise Linux " + major(os) : "Rocky Linux " + major(os);
        String shown = fullName.isBlank() ? guestId : fullName + " (" + guestId + ")";
        String fix = "if it runs " + wanted + ", set its guest OS to match (vSphere Client: Edit Settings > VM Options"
                + " > Guest OS); otherwise point vcenter_template at a " + wanted + " VM or correct os_version";
        if (family.matches()) {
            String release = family.group(2);
            if (!release.isEmpty() && !release.equals(major(os))) {
                out.add(Finding.warning(OS_VERSION, config.locationOf(OS_VERSION), "the base " + what
                        + " is set up as " + shown + ", release " + release + ", but os_version is " + os, fix));
            } else {
                out.add(info(config, "the base " + what + " is set up as " + shown + ", which fits " + os));
            }
        } else if (GENERIC_LINUX.matcher(guestId).matches() || guestId.toLowerCase(Locale.ROOT).startsWith("other")
                || guestId.isBlank()) {
            out.add(Finding.warning(VCENTER_TEMPLATE, config.locationOf(VCENTER_TEMPLATE), "the base " + what
                    + " is set up as " + (shown.isBlank() ? "an unknown guest OS" : shown)
                    + "; vCenter cannot confirm it is " + wanted, fix));
        } else {
            out.add(Finding.error(OS_VERSION, config.locationOf(OS_VERSION), "the base " + what + " is set up as "
                    + shown + ", not " + wanted + " as os_version " + os + " says", fix));
        }
    }

    /** The current snapshot's name (or the first one's), or null when the VM has none. */
    private static String currentSnapshot(Element info) {
        if (info == null) {
            return null;
        }
        String currentRef = null;
        List<Element> roots = new ArrayList<>();
        for (Node n = info.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                if ("currentSnapshot".equals(e.getLocalName())) {
                    currentRef = e.getTextContent().strip();
                } else if ("rootSnapshotList".equals(e.getLocalName())) {
                    roots.add(e);
                }
            }
        }
        if (roots.isEmpty()) {
            return null;
        }
        String first = childText(roots.get(0), "name");
        String found = currentRef == null ? null : nameOf(roots, currentRef);
        return found != null ? found : first;
    }

    private static String nameOf(List<Element> trees, String snapshotRef) {
        for (Element tree : trees) {
            if (snapshotRef.equals(childText(tree, "snapshot"))) {
                return childText(tree, "name");
            }
            List<Element> children = new ArrayList<>();
            for (Node n = tree.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e && "childSnapshotList".equals(e.getLocalName())) {
                    children.add(e);
                }
            }
            String inChild = nameOf(children, snapshotRef);
            if (inChild != null) {
                return inChild;
            }
        }
        return null;
    }

    private static String childText(Element parent, String local) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && local.equals(e.getLocalName())) {
                return e.getTextContent().strip();
            }
        }
        return null;
    }

    private static String major(String osVersion) {
        return osVersion.substring(osVersion.lastIndexOf('-') + 1);
    }

    private static Finding error(ImageConfig config, String message, String hint) {
        return Finding.error(VCENTER_TEMPLATE, config.locationOf(VCENTER_TEMPLATE), message, hint);
    }

    private static Finding info(ImageConfig config, String message) {
        return new Finding(Severity.INFO, VCENTER_TEMPLATE.key(), config.locationOf(VCENTER_TEMPLATE), message, null);
    }
}
