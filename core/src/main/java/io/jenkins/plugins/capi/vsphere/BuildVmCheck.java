package io.jenkins.plugins.capi.vsphere;

import io.jenkins.plugins.capi.config.ImageConfig;
import io.jenkins.plugins.capi.logs.SecretMasker;
import io.jenkins.plugins.capi.vsphere.BuildVmReport.Disposition;
import io.jenkins.plugins.capi.vsphere.BuildVmReport.Vm;
import io.jenkins.plugins.capi.vsphere.Inventory.Found;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * After a build that did not succeed: looks in vCenter for the VM the builder was making (its name, in the
 * target folder, created after the run started) and, when asked, powers it off and deletes it. VMs of the same
 * name that are older than the run, and templates, are reported and never touched.
 */
public final class BuildVmCheck {

    private BuildVmCheck() {}

    /** Reports what the build left; changes nothing. */
    public static BuildVmReport find(ImageConfig config, String vmName, Instant runStart, String user,
                                     String password, VsphereTls tls, VsphereTimeouts timeouts) throws VsphereException {
        return check(config, vmName, runStart, user, password, tls, timeouts, false);
    }

    /** Reports what the build left, and powers off and deletes the VMs this run made (not templates). */
    public static BuildVmReport cleanUp(ImageConfig config, String vmName, Instant runStart, String user,
                                        String password, VsphereTls tls, VsphereTimeouts timeouts) throws VsphereException {
        return check(config, vmName, runStart, user, password, tls, timeouts, true);
    }

    private static BuildVmReport check(ImageConfig config, String vmName, Instant runStart, String user,
                                       String password, VsphereTls tls, VsphereTimeouts timeouts, boolean cleanUp)
            throws VsphereException {
        String name = vmName == null || vmName.isBlank() ? config.imageName().strip() : vmName.strip();
        if (name.isEmpty()) {
            throw new VsphereException(VsphereException.Kind.INVALID_INPUT, config.vcenterServer(),
                    "no build VM name to look for: image_name is not set");
        }
        try (VimClient client = VimClient.connect(config.vcenterServer(), tls, timeouts)) {
            client.login(user, password);
            // createDate is vCenter's clock: move the run's start onto it.
            Duration offset = Duration.between(Instant.now(), client.currentTime());
            Instant start = runStart.plus(offset);
            Inventory inventory = new Inventory(client);
            Inventory.Datacenter dc = inventory.configuredDatacenter(config.vcenterDatacenter());
            String searched = config.vcenterFolder().isBlank() ? dc.path() + "/vm and below"
                    : InventoryPath.resolve(dc.path() + "/vm", config.vcenterFolder());
            List<Vm> vms = new ArrayList<>();
            for (Found found : inventory.virtualMachinesNamed(dc, config.vcenterFolder(), name)) {
                VirtualMachine vm = VirtualMachine.of(client, found.ref());
                VirtualMachine.State s = vm.state();
                Disposition d;
                String problem = null;
                if (s.createDate() == null) {
                    d = Disposition.AGE_UNKNOWN;
                } else if (s.createDate().isBefore(start)) {
                    d = Disposition.CREATED_BEFORE_RUN;
                } else if (s.template()) {
                    d = Disposition.TEMPLATE_KEPT;
                } else if (!cleanUp) {
                    d = Disposition.LEFT_BEHIND;
                } else {
                    try {
                        vm.powerOff();
                        vm.destroy();
                        d = Disposition.DESTROYED;
                    } catch (VsphereException e) {
                        d = Disposition.DESTROY_FAILED;
                        problem = SecretMasker.of(List.of(password == null ? "" : password)).mask(e.getMessage());
                    }
                }
                vms.add(new Vm(found.ref().value(), found.path(), s.powerState(), s.template(), s.createDate(), d,
                        problem));
            }
            return new BuildVmReport(client.endpoint().toString(), name, searched, start, cleanUp, vms);
        }
    }
}
