package io.jenkins.plugins.capi.logs;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Says what a failed build most likely ran into, from the (masked) tail of its log and why the tool stopped it.
 * The patterns are the texts real Packer (v1.9.4 with the vSphere plugin v1.4.2 and the bundled v1.1.1) prints,
 * plus the vCenter and KIB texts known from the field. Rules are tried most specific first; the first rule with a
 * matching line wins, and the last matching line is the evidence. Each hint says what to change in the imageconfig
 * (by key) or in the environment. Stateless.
 */
public final class FailureClassifier {

    private record Rule(String category, Pattern pattern, Function<MatchResult, String> summary,
                        Function<MatchResult, String> hint) {}

    private static Rule rule(String category, String regex, String summary, String hint) {
        return new Rule(category, Pattern.compile(regex), m -> summary, m -> hint);
    }

    private static final Pattern TASK = Pattern.compile("TASK \\[([^\\]]+)\\]");
    private static final Pattern ERRORED = Pattern.compile("Build '([^']+)' errored after [^:]*: (.*)$");
    private static final Pattern CANCELLED = Pattern.compile(
            "Cancelling build after receiving (terminated|interrupt)|Cleanly cancelled builds after being interrupted"
                    + "|Build '[^']+' errored after [^:]*: context canceled");
    static final String PREPARE_FAILED = "Error: Failed to prepare build";
    /** Packer's clean-up after a failure or a cancel: the build VM is gone. */
    private static final Pattern DESTROYED = Pattern.compile(": Destroying VM\\.\\.\\.$");

    /** vCenter inventory kinds in govmomi's "not found" texts, with the imageconfig keys that name them. */
    private static final Map<String, String> INVENTORY_KEYS = Map.of(
            "datacenter", "vcenter_datacenter",
            "datastore", "vcenter_datastore",
            "network", "vcenter_network",
            "resource pool", "vcenter_cluster and vcenter_resource_pool (Packer looks for <cluster>/Resources/<pool>)",
            "folder", "vcenter_folder",
            "host", "vcenter_cluster",
            "cluster", "vcenter_cluster");

    private static final String LOGIN_HINT = "Check vcenter_user (UPN form, e.g. builder@vsphere.local) and "
            + "vcenter_password in the imageconfig, or the vCenter credentials given to the build, which take their place. "
            + "The error comes within seconds of the start, before any VM is created.";

    private static final List<Rule> RULES = List.of(
            new Rule("vcenter-setting-missing", Pattern.compile("'(vcenter_server|username|password)' is required"),
                    m -> "The builder got no " + keyOfPackerSetting(m.group(1)) + ".",
                    m -> "Set " + keyOfPackerSetting(m.group(1)) + " in the imageconfig"
                            + (m.group(1).equals("vcenter_server") ? "" : ", or supply the vCenter credentials to the build")
                            + ". Packer refused to start (\"Failed to prepare build\"); nothing was created in vCenter."),
            rule("vcenter-login", "Cannot complete login due to an incorrect user name or password"
                            + "|ServerFaultCode: Login failure|InvalidLogin",
                    "vCenter refused the login.", LOGIN_HINT),
            new Rule("vcenter-unreachable", Pattern.compile("(?:Post \"https://([^/\"]+)/sdk\": )?dial tcp(?: \\S+)?: "
                            + "(?:lookup \\S+(?: on \\S+)?: no such host|connect: connection refused|i/o timeout"
                            + "|connect: no route to host|connect: network is unreachable)"),
                    m -> "The builder could not reach vCenter" + (m.group(1) == null ? "" : " at " + m.group(1)) + ".",
                    m -> "Check vcenter_server in the imageconfig: the host name must resolve and the host must accept "
                            + "HTTPS on the port given (443 when none) from the build host, whose network the builder "
                            + "uses; a proxy or firewall between them must let it through."),
            rule("vcenter-tls", "x509: certificate signed by unknown authority|tls: failed to verify certificate"
                            + "|x509: certificate is valid for|x509: cannot validate certificate",
                    "The builder does not trust vCenter's TLS certificate.",
                    "vcenter_server must be the name vCenter's certificate was issued for (an IP address or a short name "
                            + "is not covered by a certificate for the full host name), and the certificate must come "
                            + "from a CA the builder image trusts; the imageconfig has no key to add a CA, so a private CA "
                            + "needs a builder image that carries it."),
            rule("vcenter-permission", "Permission to perform this operation was denied",
                    "The vCenter user lacks a privilege.",
                    "Give the role of vcenter_user the privileges to create, configure, power and interact with VMs, "
                            + "allocate space and browse the datastore, assign the network and resource pool, and create "
                            + "in the folder."),
            new Rule("vcenter-template", Pattern.compile("(?:error finding virtual machine to clone|Error finding vm to clone)"
                            + "(?:: vm '([^']*)' not found)?"),
                    m -> "The VM to clone" + (m.group(1) == null ? "" : ", " + m.group(1) + ",")
                            + " was not found in vCenter (vcenter_template).",
                    m -> "Set vcenter_template to the base VM's full inventory path, /<datacenter>/vm/<folder>/<vm>, as the "
                            + "vSphere client shows it; the VM must exist in vcenter_datacenter."),
            new Rule("vcenter-inventory", Pattern.compile("(datacenter|datastore|network|resource pool|folder|host|cluster)"
                            + " '([^']*)' not found|path '([^']*)' resolves to multiple (\\w+)|(\\w+) resolves to multiple"),
                    FailureClassifier::inventorySummary,
                    m -> "Set " + inventoryKey(m) + " to a name that exists in vCenter (names relative to "
                            + "vcenter_datacenter; a name used twice needs its full path). The other placement keys "
                            + "(vcenter_datacenter, vcenter_cluster, vcenter_resource_pool, vcenter_folder, vcenter_network, "
                            + "vcenter_datastore) follow the same rule."),
            rule("vm-name-collision", "already exists, you can use -force flag",
                    "A VM or template named like image_name already exists in vCenter.",
                    "Delete or rename the existing VM or template in vcenter_folder, or set another image_name."),
            rule("datastore-space", "(?i)insufficient (disk )?space on (the )?datastore",
                    "The datastore is full.",
                    "Free space on vcenter_datastore, or choose another: the build VM needs its disk (20 GiB thin by "
                            + "default) plus the ISO."),
            rule("local-disk-space", "no space left on device|No space left on device",
                    "The output folder's disk is full.",
                    "Provide at least two to three times the image size free on the output folder's disk (VMDK and OVA "
                            + "are both written there)."),
            rule("iso-checksum", "Checksums did not match|checksums didn't match|error downloading ISO|ISO download failed",
                    "The ISO could not be verified or downloaded.",
                    "Recompute iso_checksum with sha256sum on the ISO in the output folder, and check that iso_name is the "
                            + "DVD ISO file there."),
            rule("ovftool-missing", "ovftool must be present to build OVAs",
                    "The OVA step wants ovftool, which the image lacks.",
                    "Unset IB_OVFTOOL in the builder's environment so the OVA is built with tar, or use an image that "
                            + "contains ovftool."),
            rule("packer-init-rate-limit", "rate limited the plugin getter|PACKER_GITHUB_API_TOKEN",
                    "packer init was rate-limited by GitHub.",
                    "Retry later, or give the builder a GitHub token in its environment (PACKER_GITHUB_API_TOKEN)."),
            rule("manifest-post-processor", "Unable to (write|open|parse content from) \\S*packer-manifest\\.json",
                    "Packer built the VM but could not write packer-manifest.json into the output folder.",
                    "Make the output folder writable for the builder and give its disk room. The VM or template "
                            + "image_name is already in vCenter: delete it, or set another image_name, before the next build."),
            rule("ova-post-processor", "Post-processor failed|\\(shell-local\\): Traceback|image-build-ova.*(Error|KeyError)",
                    "The OVA post-processor failed after the VM was exported.",
                    "The VM (or template) already exists in vCenter and packer-manifest.json, the OVF and the VMDK are in "
                            + "the output folder; only the OVA is missing. A differently named exported disk (…-0.vmdk instead "
                            + "of …-disk-0.vmdk) or an os_version the OVA script does not know are the usual causes."),
            rule("goss-validation", "Goss validate failed",
                    "The image failed its Goss validation.",
                    "Look at the failing Goss checks above; versions in the imageconfig (containerd_version, "
                            + "crictl_version, cni_version) may not match what was installed."),
            rule("ansible-task", "fatal: \\[[^\\]]+\\]: (FAILED|UNREACHABLE)!|Error executing Ansible",
                    "An Ansible task failed while provisioning the VM.",
                    "Read the failed task and its msg above. Common causes: package mirror or proxy unreachable from the "
                            + "build VM, GPG key or download URLs, containerd_version or crictl_version not published, "
                            + "rhel_subscription_user/rhel_subscription_pass missing or wrong."),
            rule("output-not-writable", "(?i)(mkdir|can't create|cannot create|output).*permission denied"
                            + "|PermissionError: \\[Errno 13\\]|unable to make directory for export",
                    "The builder could not write to the output folder.",
                    "The container runs as a non-root user; the output folder must be writable for it (the tool makes it so "
                            + "unless the folder is on a file system that ignores permissions, e.g. some network shares)."),
            rule("ssh-timeout", "Timeout waiting for SSH|Error waiting for SSH|ssh: handshake failed|unable to authenticate",
                    "Packer could not connect to the build VM over SSH.",
                    "Packer waits up to 4 hours, so wrong SSH credentials look like a timeout: the VM must accept password "
                            + "login for the builder's user (builder/builder), so a ks.cfg in the output folder must keep "
                            + "that user and PasswordAuthentication, and a vcenter_template base VM must have it. Otherwise "
                            + "the VM's IP changed after the OS reboot or the installer did not finish: check the VM console "
                            + "in vCenter."),
            rule("http-server-container-ip", "(Serving HTTP requests at|HTTP server is working at) http://172\\.1[7-9]\\.",
                    "The kickstart HTTP server listened on a container bridge address the VM cannot reach.",
                    "Run the builder with host networking (the tool does), or make the host's address reachable from "
                            + "vcenter_network."),
            rule("ip-timeout", "Timeout waiting for IP|timeout waiting for IP address",
                    "The build VM never reported an IP address.",
                    "Open the VM console in vCenter: is the installer stuck (wrong or boot-only ISO in iso_name, kickstart "
                            + "not read)? Is there DHCP on vcenter_network, or a valid static IP in ks.cfg? VMware Tools "
                            + "must start in the installed OS to report the address."),
            rule("boot-command", "error typing a boot command",
                    "Typing the boot command into the VM console failed.",
                    "The role of vcenter_user lacks the VirtualMachine.Interact privileges, or vCenter had a transient "
                            + "error; retry."),
            rule("scp-openssh9", "sftp-server: not found",
                    "Ansible could not copy files over scp (OpenSSH 9).",
                    "Set ANSIBLE_SCP_EXTRA_ARGS=-O in the builder's environment."));

    private FailureClassifier() {}

    /** As {@link #classify(List, int, StopCause)} for a build the tool did not stop. */
    public static Optional<FailureHint> classify(List<String> tail, int exitCode) {
        return classify(tail, exitCode, StopCause.NONE);
    }

    /**
     * @param tail     the last lines of the log, oldest first, already masked
     * @param exitCode the container's exit code
     * @param stop     why the tool stopped the build, if it did
     */
    public static Optional<FailureHint> classify(List<String> tail, int exitCode, StopCause stop) {
        List<String> lines = logicalLines(tail);
        String cancelled = lastMatch(lines, CANCELLED);
        if (stop != StopCause.NONE || cancelled != null) {
            return Optional.of(cancellation(lines, stop, cancelled));
        }
        for (Rule r : RULES) {
            Matcher m = lastMatcher(lines, r.pattern());
            if (m != null) {
                String evidence = lastMatch(lines, r.pattern());
                String summary = r.summary().apply(m);
                if (r.category().equals("ansible-task")) {
                    String task = lastTaskBefore(lines, evidence);
                    if (task != null) {
                        summary = "Ansible task [" + task + "] failed while provisioning the VM.";
                    }
                }
                return Optional.of(new FailureHint(r.category(), summary, r.hint().apply(m), evidence.strip()));
            }
        }
        String refused = prepareError(lines);
        if (refused != null) {
            return Optional.of(new FailureHint("packer-prepare", "Packer refused the build's settings: "
                    + refused.substring(2).strip(),
                    "Packer checks every setting before it starts, so nothing was created in vCenter. The setting it "
                            + "names comes from the imageconfig key of the same meaning (vcenter_* for the vCenter ones).",
                    refused.strip()));
        }
        String errored = lastMatch(lines, ERRORED);
        if (errored != null) {
            Matcher m = ERRORED.matcher(errored);
            String cause = m.find() ? m.group(2) : errored;
            return Optional.of(new FailureHint("build-errored", "Packer build failed: " + cause,
                    "No known failure pattern matched; read the lines before \"Build '…' errored\" for the cause.",
                    errored.strip()));
        }
        if (exitCode != 0) {
            String last = lastNonBlank(lines);
            return Optional.of(new FailureHint("unknown", "The builder exited with code " + exitCode + ".",
                    "No known failure pattern matched; read the end of the log above.", last));
        }
        return Optional.empty();
    }

    /** One paragraph for a console: summary, hint, and the matching line. */
    public static String paragraph(FailureHint hint) {
        return hint.summary() + " " + hint.hint()
                + (hint.evidence() == null || hint.evidence().isEmpty() ? "" : " (log: \"" + hint.evidence() + "\")");
    }

    /** A cancelled build: who stopped it (from the runner), and whether Packer cleaned up (from the log). */
    private static FailureHint cancellation(List<String> lines, StopCause stop, String evidence) {
        String by = switch (stop) {
            case TIMEOUT -> "The build was cancelled because it reached its time limit.";
            case ABORT -> "The build was cancelled because it was aborted (a Jenkins abort, Ctrl-C or an interrupted caller).";
            case NONE -> "The build was cancelled by a signal from outside this tool (docker stop, a host shutdown or "
                    + "another process).";
        };
        String hint;
        if (evidence == null) {
            hint = "Packer printed no clean-up, so its build VM may still be in vCenter, named like image_name in "
                    + "vcenter_folder: check for it and delete it.";
        } else if (lastMatch(lines, DESTROYED) != null) {
            hint = "Packer cleaned up: it powered off and destroyed its build VM.";
        } else {
            hint = "Packer stopped before it had created a VM, or printed no clean-up: check vcenter_folder for a VM "
                    + "named like image_name.";
        }
        if (stop == StopCause.TIMEOUT) {
            hint += " Give the build a longer time limit, or see in the phase timings which step used the time.";
        }
        String ev = evidence != null ? evidence : lastNonBlank(lines);
        return new FailureHint("cancelled", by, hint, ev == null ? null : ev.strip());
    }

    /** The first {@code * } item after Packer's "Error: Failed to prepare build", or null. */
    private static String prepareError(List<String> lines) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).startsWith(PREPARE_FAILED)) {
                for (int j = i + 1; j < lines.size(); j++) {
                    if (lines.get(j).strip().startsWith("* ")) {
                        return lines.get(j).strip();
                    }
                }
                return null;
            }
        }
        return null;
    }

    private static String keyOfPackerSetting(String packerSetting) {
        return switch (packerSetting) {
            case "username" -> "vcenter_user";
            case "password" -> "vcenter_password";
            default -> "vcenter_server";
        };
    }

    private static String inventoryKind(MatchResult m) {
        if (m.group(1) != null) {
            return m.group(1);
        }
        String plural = (m.group(4) != null ? m.group(4) : m.group(5)).toLowerCase(Locale.ROOT);
        return plural.endsWith("s") ? plural.substring(0, plural.length() - 1) : plural;
    }

    private static String inventoryKey(MatchResult m) {
        String key = INVENTORY_KEYS.get(inventoryKind(m));
        return key != null ? key : "the vcenter_* placement key for it";
    }

    private static String inventorySummary(MatchResult m) {
        if (m.group(1) != null) {
            return "vCenter has no " + m.group(1) + " '" + m.group(2) + "' (" + inventoryKey(m) + ").";
        }
        String what = m.group(3) != null ? "'" + m.group(3) + "'" : "The default " + inventoryKind(m);
        return what + " matches more than one " + inventoryKind(m) + " in vCenter (" + inventoryKey(m) + ").";
    }

    /**
     * Packer's error lists put each error on a {@code * } line and wrap long ones onto the following lines; those
     * continuation lines are joined to their item, so that a pattern split by the wrap still matches.
     */
    static List<String> logicalLines(List<String> tail) {
        List<String> out = new ArrayList<>(tail.size());
        boolean inItem = false;
        for (String line : tail) {
            boolean continuation = inItem && !line.isBlank() && !line.startsWith("* ") && !line.startsWith("==> ")
                    && !line.startsWith("--> ") && !line.startsWith("    ") && !line.startsWith("Build '");
            if (continuation) {
                out.set(out.size() - 1, out.get(out.size() - 1) + " " + line.strip());
            } else {
                out.add(line);
                inItem = line.startsWith("* ");
            }
        }
        return out;
    }

    private static Matcher lastMatcher(List<String> lines, Pattern p) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            Matcher m = p.matcher(lines.get(i));
            if (m.find()) {
                return m;
            }
        }
        return null;
    }

    private static String lastMatch(List<String> lines, Pattern p) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (p.matcher(lines.get(i)).find()) {
                return lines.get(i);
            }
        }
        return null;
    }

    private static String lastNonBlank(List<String> lines) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (!lines.get(i).isBlank()) {
                return lines.get(i).strip();
            }
        }
        return null;
    }

    private static String lastTaskBefore(List<String> lines, String line) {
        int at = lines.lastIndexOf(line);
        for (int i = at; i >= 0; i--) {
            Matcher m = TASK.matcher(lines.get(i));
            if (m.find()) {
                return m.group(1).trim();
            }
        }
        return null;
    }
}
