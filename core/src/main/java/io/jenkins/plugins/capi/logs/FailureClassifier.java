package io.jenkins.plugins.capi.logs;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Says what a failed build most likely ran into, from the (masked) tail of its log, using the failure table of
 * {@code kib-outputs.md} §6. Rules are tried most specific first; the first rule with a matching line wins, and the
 * last matching line is the evidence. Stateless.
 */
public final class FailureClassifier {

    private record Rule(String category, Pattern pattern, String summary, String hint) {}

    private static Rule rule(String category, String regex, String summary, String hint) {
        return new Rule(category, Pattern.compile(regex), summary, hint);
    }

    private static final Pattern TASK = Pattern.compile("TASK \\[([^\\]]+)\\]");
    private static final Pattern ERRORED = Pattern.compile("Build '([^']+)' errored after [^:]*: (.*)$");

    private static final List<Rule> RULES = List.of(
            rule("vcenter-login", "Cannot complete login due to an incorrect user name or password|'(vcenter_server|username|password)' is required",
                    "vCenter refused the login.",
                    "Check vcenter_user (UPN form, e.g. user@vsphere.local), vcenter_password and vcenter_server in the "
                            + "imageconfig or the credentials given to the build. The error comes within seconds of the start, "
                            + "before any VM is created."),
            rule("vcenter-tls", "x509: certificate signed by unknown authority|tls: failed to verify certificate",
                    "The builder does not trust vCenter's TLS certificate.",
                    "Use a vCenter certificate signed by a CA the builder trusts, or allow an insecure connection for the "
                            + "build; the builder image has no option to add a CA."),
            rule("vcenter-permission", "Permission to perform this operation was denied",
                    "The vCenter user lacks a privilege.",
                    "Give the build user's role the privileges to create, configure, power and interact with VMs, allocate "
                            + "space and browse the datastore, assign the network and resource pool, and create in the folder."),
            rule("vcenter-inventory", "(datacenter|datastore|network|resource pool|folder|host|cluster) '[^']*' not found|resolves to multiple",
                    "A vCenter inventory object named in the imageconfig was not found or is ambiguous.",
                    "Check vcenter_datacenter, vcenter_cluster, vcenter_resource_pool, vcenter_folder, vcenter_network and "
                            + "vcenter_datastore against the vCenter inventory (names relative to the datacenter)."),
            rule("vm-name-collision", "already exists, you can use -force flag",
                    "A VM or template with the image name already exists in vCenter.",
                    "Delete or rename the existing VM/template named like image_name, or choose another image_name."),
            rule("datastore-space", "(?i)insufficient (disk )?space on (the )?datastore",
                    "The datastore is full.",
                    "Free space on vcenter_datastore: the build VM needs the disk size (20 GiB thin by default) plus the ISO."),
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
                    "Unset IB_OVFTOOL so the OVA is built with tar, or use an image that contains ovftool."),
            rule("packer-init-rate-limit", "rate limited the plugin getter|PACKER_GITHUB_API_TOKEN",
                    "packer init was rate-limited by GitHub.",
                    "Retry later, or give the build a GitHub token (PACKER_GITHUB_API_TOKEN)."),
            rule("ova-post-processor", "Post-processor failed|\\(shell-local\\): Traceback|image-build-ova.*(Error|KeyError)",
                    "The OVA post-processor failed after the VM was exported.",
                    "The VM (or template) already exists in vCenter and packer-manifest.json, the OVF and the VMDK are in "
                            + "the output folder; only the OVA is missing. A differently named exported disk (…-0.vmdk instead of "
                            + "…-disk-0.vmdk) or an OS value the OVA script does not know are the usual causes."),
            rule("goss-validation", "Goss validate failed",
                    "The image failed its Goss validation.",
                    "Look at the failing Goss checks above; versions in the imageconfig (containerd, crictl, cni) may not "
                            + "match what was installed."),
            rule("ansible-task", "fatal: \\[[^\\]]+\\]: (FAILED|UNREACHABLE)!|Error executing Ansible",
                    "An Ansible task failed while provisioning the VM.",
                    "Read the failed task and its msg above. Common causes: package mirror or proxy unreachable from the "
                            + "build VM, GPG key or download URLs, containerd/crictl version not published, RHEL subscription "
                            + "credentials missing or wrong."),
            rule("output-not-writable", "(?i)(mkdir|can't create|cannot create|output).*permission denied|PermissionError: \\[Errno 13\\]|unable to make directory for export",
                    "The builder could not write to the output folder.",
                    "The container runs as a non-root user; the output folder must be writable for it (the tool makes it so "
                            + "unless the folder is on a file system that ignores permissions, e.g. some network shares)."),
            rule("ssh-timeout", "Timeout waiting for SSH|Error waiting for SSH|ssh: handshake failed",
                    "Packer could not connect to the build VM over SSH.",
                    "The VM's IP may have changed after the OS reboot, or the installer did not finish; check the VM console "
                            + "in vCenter."),
            rule("http-server-container-ip", "(Serving HTTP requests at|HTTP server is working at) http://172\\.1[7-9]\\.",
                    "The kickstart HTTP server listened on a container bridge address the VM cannot reach.",
                    "Run the builder with host networking (the tool does), or make the host's address reachable from "
                            + "vcenter_network."),
            rule("ip-timeout", "Timeout waiting for IP|timeout waiting for IP address",
                    "The build VM never reported an IP address.",
                    "Open the VM console in vCenter: is the installer stuck (wrong or boot-only ISO, kickstart not read)? Is "
                            + "there DHCP on vcenter_network, or a valid static IP in ks.cfg? VMware Tools must start in the "
                            + "installed OS to report the address."),
            rule("boot-command", "error typing a boot command",
                    "Typing the boot command into the VM console failed.",
                    "The vCenter role lacks VirtualMachine.Interact privileges, or vCenter had a transient error; retry."),
            rule("scp-openssh9", "sftp-server: not found",
                    "Ansible could not copy files over scp (OpenSSH 9).",
                    "Set ANSIBLE_SCP_EXTRA_ARGS=-O for the build."));

    private FailureClassifier() {}

    /**
     * @param tail     the last lines of the log, oldest first, already masked
     * @param exitCode the container's exit code
     */
    public static Optional<FailureHint> classify(List<String> tail, int exitCode) {
        for (Rule r : RULES) {
            String evidence = lastMatch(tail, r.pattern());
            if (evidence != null) {
                String summary = r.summary();
                if (r.category().equals("ansible-task")) {
                    String task = lastTaskBefore(tail, evidence);
                    if (task != null) {
                        summary = "Ansible task [" + task + "] failed while provisioning the VM.";
                    }
                }
                return Optional.of(new FailureHint(r.category(), summary, r.hint(), evidence.strip()));
            }
        }
        String errored = lastMatch(tail, ERRORED);
        if (errored != null) {
            Matcher m = ERRORED.matcher(errored);
            String cause = m.find() ? m.group(2) : errored;
            return Optional.of(new FailureHint("build-errored", "Packer build failed: " + cause,
                    "No known failure pattern matched; read the lines before \"Build '…' errored\" for the cause.",
                    errored.strip()));
        }
        if (exitCode != 0) {
            String last = tail.isEmpty() ? null : tail.get(tail.size() - 1).strip();
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

    private static String lastMatch(List<String> tail, Pattern p) {
        for (int i = tail.size() - 1; i >= 0; i--) {
            if (p.matcher(tail.get(i)).find()) {
                return tail.get(i);
            }
        }
        return null;
    }

    private static String lastTaskBefore(List<String> tail, String line) {
        int at = tail.lastIndexOf(line);
        for (int i = at; i >= 0; i--) {
            Matcher m = TASK.matcher(tail.get(i));
            if (m.find()) {
                return m.group(1).trim();
            }
        }
        return null;
    }
}
