package io.jenkins.plugins.capi.publish;

import static io.jenkins.plugins.capi.config.ConfigKey.VCENTER_DATACENTER;
import static io.jenkins.plugins.capi.config.ConfigKey.VCENTER_FOLDER;
import static io.jenkins.plugins.capi.config.ConfigKey.VCENTER_PASSWORD;
import static io.jenkins.plugins.capi.config.ConfigKey.VCENTER_SERVER;
import static io.jenkins.plugins.capi.config.ConfigKey.VCENTER_USER;

import io.jenkins.plugins.capi.config.ConfigKey;
import io.jenkins.plugins.capi.config.Finding;
import io.jenkins.plugins.capi.config.ImageConfig;
import io.jenkins.plugins.capi.config.Setting;
import io.jenkins.plugins.capi.config.SourceLocation;
import io.jenkins.plugins.capi.vsphere.ContentLibrary;
import io.jenkins.plugins.capi.vsphere.InventoryPath;
import io.jenkins.plugins.capi.vsphere.MoRef;
import io.jenkins.plugins.capi.vsphere.Preflight;
import io.jenkins.plugins.capi.vsphere.PreflightOptions;
import io.jenkins.plugins.capi.vsphere.PreflightReport;
import io.jenkins.plugins.capi.vsphere.VapiClient;
import io.jenkins.plugins.capi.vsphere.VimClient;
import io.jenkins.plugins.capi.vsphere.VirtualMachine;
import io.jenkins.plugins.capi.vsphere.VsphereException;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The pre-flight of one publish target: the same inventory checks as a build's (login, datacenter, cluster,
 * pool, datastore and its space, network, folder), then what publishing adds: the template name against what
 * is in the folder, the REST login tags need, the content library, and the source to publish from.
 */
final class TargetPreflight {

    private final PublishRequest request;
    private final PublishTarget target;
    private final List<Finding> findings = new ArrayList<>();

    private TargetPreflight(PublishRequest request, PublishTarget target) {
        this.request = request;
        this.target = target;
    }

    static TargetCheck check(PublishRequest request, PublishTarget target) {
        return new TargetPreflight(request, target).run();
    }

    private TargetCheck run() {
        ImageConfig place = target.place();
        String name;
        try {
            name = request.templateName();
        } catch (IllegalArgumentException e) {
            error("name", SourceLocation.of(target.label()), e.getMessage(), "change the name pattern");
            return done(Map.of());
        }
        if (target.server().isEmpty()) {
            error(VCENTER_SERVER, "vcenter_server is not set for this target", "set vcenter_server=HOST[:PORT]");
        }
        if (target.user() == null || target.user().isBlank()) {
            findings.add(Finding.error(VCENTER_USER, place.locationOf(VCENTER_USER), "no vCenter user for this target",
                    "set vcenter_user in the target's file, or supply the vCenter credentials")
                    .about(Setting.VCENTER_CREDENTIALS));
        }
        if (target.password() == null || target.password().isEmpty()) {
            findings.add(Finding.error(VCENTER_PASSWORD, place.locationOf(VCENTER_PASSWORD),
                    "no vCenter password for this target",
                    "set vcenter_password in the target's file, or supply the vCenter credentials")
                    .about(Setting.VCENTER_CREDENTIALS));
        }
        checkSource();
        if (!findings.isEmpty() && findings.stream().anyMatch(Finding::isError)) {
            return done(Map.of());
        }
        PreflightReport report = Preflight.run(forInventoryChecks(place), target.user(), target.password(),
                target.tls(), request.timeouts(),
                PreflightOptions.DEFAULT.withMinFreeBytes(request.minFreeBytes()));
        findings.addAll(report.findings());
        if (!report.passed()) {
            return done(report.resolvedPaths());
        }
        try (VimClient client = VimClient.connect(target.server(), target.tls(), request.timeouts())) {
            client.login(target.user(), target.password());
            checkName(client, report.resolvedPaths(), name);
            checkRest(client);
        } catch (VsphereException e) {
            error(VCENTER_SERVER, e.getMessage(), null);
        }
        return done(report.resolvedPaths());
    }

    private TargetCheck done(Map<String, String> resolved) {
        return new TargetCheck(target.label(), findings, resolved);
    }

    /** The target as the build's pre-flight reads it: no VM name to collide with, no clone source. */
    static ImageConfig forInventoryChecks(ImageConfig place) {
        SourceLocation here = SourceLocation.of(place.source());
        return place.with(ConfigKey.IMAGE_NAME, "", here).with(ConfigKey.VCENTER_TEMPLATE, "", here);
    }

    /** The folder the target names, as an inventory path (whether it exists yet or not). */
    static String folderPath(Map<String, String> resolved, ImageConfig place) {
        String folder = resolved.get(VCENTER_FOLDER.key());
        return folder != null ? folder
                : InventoryPath.resolve(resolved.get(VCENTER_DATACENTER.key()) + "/vm", place.vcenterFolder());
    }

    private void checkName(VimClient client, Map<String, String> resolved, String name) throws VsphereException {
        String path = InventoryPath.child(folderPath(resolved, target.place()), name);
        Optional<MoRef> existing = client.findByInventoryPath(path).filter(r -> "VirtualMachine".equals(r.type()));
        if (existing.isEmpty() || request.onExisting() != OnExisting.FAIL || isTheBuildVmItself(path)) {
            return;
        }
        VirtualMachine.State s = VirtualMachine.of(client, existing.get()).state();
        error("name", target.place().locationOf(VCENTER_FOLDER), (s.template() ? "a template" : "a VM")
                        + " named '" + name + "' is already at " + path + " (" + existing.get().value()
                        + "); publishing would stop there",
                "delete or rename it in vCenter, ask to replace or skip an existing template, or change the name");
    }

    private boolean isTheBuildVmItself(String path) {
        PublishRequest.BuildVm vm = request.buildVm();
        return vm != null && vm.convertInPlace() && vm.server().equalsIgnoreCase(target.server())
                && vm.inventoryPath().equals(path);
    }

    private void checkRest(VimClient client) {
        try (VapiClient rest = VapiClient.login(client, target.user(), target.password())) {
            if (target.contentLibrary() != null && ContentLibrary.find(rest, target.contentLibrary()).isEmpty()) {
                error(PublishTarget.CONTENT_LIBRARY_KEY, target.place().locationOf(PublishTarget.CONTENT_LIBRARY_KEY),
                        "there is no content library named '" + target.contentLibrary() + "' on " + target.server(),
                        "create a local content library of that name, or correct the name");
            }
        } catch (VsphereException e) {
            error(VCENTER_SERVER, "tags and content libraries need vCenter's REST API: " + e.getMessage(),
                    "check that the user may use the REST API (vSphere Automation) on this vCenter");
        }
    }

    private void checkSource() {
        boolean buildVmHere = request.buildVm() != null && request.buildVm().server().equalsIgnoreCase(target.server());
        if (request.ova() == null) {
            if (!buildVmHere && request.buildVm() != null) {
                error("source", SourceLocation.of(target.label()), "the build VM is on "
                        + request.buildVm().server() + " and there is no OVA to bring the template to "
                        + target.server(), "publish from the build's output folder, which holds the OVA");
            }
            return; // before the build: the OVA does not exist yet
        }
        if (!Files.isRegularFile(request.ova())) {
            error("source", SourceLocation.of(target.label()), "the OVA " + request.ova() + " does not exist",
                    "point at the output folder of a finished build");
            return;
        }
        try {
            OvaArchive.open(request.ova()).descriptor();
        } catch (IOException e) {
            error("source", SourceLocation.of(target.label()), e.getMessage(), "rebuild the image; the OVA is damaged");
        }
    }

    private void error(ConfigKey key, String message, String hint) {
        findings.add(Finding.error(key, target.place().locationOf(key), message, hint));
    }

    private void error(String key, SourceLocation location, String message, String hint) {
        findings.add(Finding.error(key, location, message, hint));
    }
}
