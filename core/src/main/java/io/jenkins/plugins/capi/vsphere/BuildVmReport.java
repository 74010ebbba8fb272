package io.jenkins.plugins.capi.vsphere;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the check for a build VM left in vCenter found, and what it did. Holds no credential.
 *
 * @param server     {@code vcenter_server}
 * @param vmName     the VM name the builder uses
 * @param searchedIn the inventory path searched ({@code /<DC>/vm/<folder>}, or {@code /<DC>/vm} and below)
 * @param runStart   when the run started, in vCenter's clock (the tool's start corrected by the clock offset)
 * @param cleanUp    whether powering off and deleting was asked for
 * @param vms        every VM or template of that name found there, each with what happened to it
 */
public record BuildVmReport(String server, String vmName, String searchedIn, Instant runStart, boolean cleanUp,
                            List<Vm> vms) {

    public BuildVmReport {
        vms = List.copyOf(vms);
    }

    /** What became of one VM. */
    public enum Disposition {
        /** Made by this run and still there (no clean-up asked for). */
        LEFT_BEHIND,
        /** Made by this run, powered off and deleted. */
        DESTROYED,
        /** Made by this run; powering it off or deleting it failed ({@link Vm#problem()} says why). */
        DESTROY_FAILED,
        /** Same name, but older than the run: not this build's, never touched. */
        CREATED_BEFORE_RUN,
        /** A template of that name made during the run: the build got that far, so it is kept. */
        TEMPLATE_KEPT,
        /** vCenter does not record when it was made (before vSphere 6.7): not touched. */
        AGE_UNKNOWN
    }

    /**
     * @param powerState as found, before any clean-up: {@code poweredOn}, {@code poweredOff}, {@code suspended}
     * @param problem    why the clean-up failed; null otherwise
     */
    public record Vm(String managedObjectId, String inventoryPath, String powerState, boolean template,
                     Instant createDate, Disposition disposition, String problem) {}

    /** The VMs this run left in vCenter after the check (left behind, or whose clean-up failed). */
    public List<Vm> remaining() {
        return vms.stream().filter(v -> v.disposition() == Disposition.LEFT_BEHIND
                || v.disposition() == Disposition.DESTROY_FAILED).toList();
    }

    /** One line per VM, for the build log; one line when nothing was found. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        if (vms.isEmpty()) {
            out.add("vCenter " + server + ": no VM named '" + vmName + "' in " + searchedIn
                    + ": the build left nothing behind");
            return out;
        }
        for (Vm v : vms) {
            String what = (v.template() ? "template " : "VM ") + v.inventoryPath() + " (" + v.managedObjectId()
                    + ", " + v.powerState() + ")";
            out.add("vCenter " + server + ": " + switch (v.disposition()) {
                case LEFT_BEHIND -> "the build left " + what + " behind; delete it in vCenter, or ask for the"
                        + " clean-up of build VMs";
                case DESTROYED -> "the build left " + what + " behind; it was powered off and deleted";
                case DESTROY_FAILED -> "the build left " + what + " behind and deleting it failed: " + v.problem();
                case CREATED_BEFORE_RUN -> what + " is older than this run and was not touched";
                case TEMPLATE_KEPT -> what + " was made by this run and is a template: kept";
                case AGE_UNKNOWN -> what + " has no creation date in vCenter, so it cannot be told apart from"
                        + " older VMs: not touched";
            });
        }
        return out;
    }
}
