package io.jenkins.plugins.capi.publish;

import static io.jenkins.plugins.capi.config.ConfigKey.VCENTER_DATASTORE;
import static io.jenkins.plugins.capi.config.ConfigKey.VCENTER_NETWORK;
import static io.jenkins.plugins.capi.config.ConfigKey.VCENTER_RESOURCE_POOL;

import io.jenkins.plugins.capi.config.Finding;
import io.jenkins.plugins.capi.logs.SecretMasker;
import io.jenkins.plugins.capi.metadata.TemplateMetadata.Publication;
import io.jenkins.plugins.capi.publish.PublishProgress.Stage;
import io.jenkins.plugins.capi.vsphere.ContentLibrary;
import io.jenkins.plugins.capi.vsphere.HttpNfcLease;
import io.jenkins.plugins.capi.vsphere.InventoryPath;
import io.jenkins.plugins.capi.vsphere.MoRef;
import io.jenkins.plugins.capi.vsphere.ObjectContent;
import io.jenkins.plugins.capi.vsphere.OvfDescriptor;
import io.jenkins.plugins.capi.vsphere.OvfImport;
import io.jenkins.plugins.capi.vsphere.Tagging;
import io.jenkins.plugins.capi.vsphere.Tagging.TagName;
import io.jenkins.plugins.capi.vsphere.VapiClient;
import io.jenkins.plugins.capi.vsphere.VimClient;
import io.jenkins.plugins.capi.vsphere.VirtualMachine;
import io.jenkins.plugins.capi.vsphere.VmFolders;
import io.jenkins.plugins.capi.vsphere.VsphereException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;

/**
 * Publishing to one target, start to end: pre-flight, the name check, the template (imported from the OVA, or
 * cloned or converted from the build VM), its notes and tags, the swap with an old template of the same name,
 * the content library item, and the clean-up of older templates of the family. Whatever fails, nothing
 * half-made is left: a partial import is aborted and deleted, an unfinished new template is deleted, and the
 * old template keeps its name until the new one is complete.
 */
final class TargetRun {

    static final String MARKER_CATEGORY = "capi-image-build";
    static final TagName MARKER = new TagName(MARKER_CATEGORY, "published");
    private static final List<String> FAMILY_PATHS = List.of("name", "config.template", "config.annotation",
            "config.createDate");

    private final PublishRequest request;
    private final PublishTarget target;
    private final PublishListener listener;
    private final BooleanSupplier cancelled;
    private final SecretMasker masker;
    private final long started = System.nanoTime();
    private long bytesSent;
    private String source;

    /** Thrown between steps when the run was cancelled. */
    private static final class Cancelled extends Exception {
        Cancelled() {
            super("the publish was cancelled");
        }
    }

    TargetRun(PublishRequest request, PublishTarget target, PublishListener listener, BooleanSupplier cancelled,
              SecretMasker masker) {
        this.request = request;
        this.target = target;
        this.listener = listener;
        this.cancelled = cancelled;
        this.masker = masker;
    }

    Publication run() {
        try {
            return publish();
        } catch (VsphereException | IOException | IllegalArgumentException | Cancelled e) {
            return failed(e.getMessage());
        }
    }

    private Publication publish() throws VsphereException, IOException, Cancelled {
        String name = request.templateName();
        say(Stage.CHECKING, "checking " + target.server() + " for '" + name + "'");
        TargetCheck check = TargetPreflight.check(request, target);
        if (!check.passed()) {
            return failed("pre-flight failed: " + String.join("; ", check.errors().stream().map(Finding::format).toList()));
        }
        Map<String, String> resolved = check.resolvedPaths();
        String folderPath = TargetPreflight.folderPath(resolved, target.place());
        String path = InventoryPath.child(folderPath, name);
        try (VimClient client = VimClient.connect(target.server(), target.tls(), request.timeouts())) {
            client.login(target.user(), target.password());
            Optional<MoRef> existing = client.findByInventoryPath(path).filter(r -> "VirtualMachine".equals(r.type()));
            PublishRequest.BuildVm buildVm = buildVmHere();
            if (existing.isPresent() && buildVm != null && buildVm.convertInPlace() && buildVm.inventoryPath().equals(path)) {
                existing = Optional.empty(); // the build VM itself is what becomes the template
            }
            if (existing.isPresent() && request.onExisting() == OnExisting.SKIP) {
                return result("skipped", path, existing.get().value(), null, null, List.of(), List.of(),
                        "a template named '" + name + "' is already at " + path + "; left as it is");
            }
            if (existing.isPresent() && request.onExisting() == OnExisting.FAIL) {
                return failed("a template named '" + name + "' is already at " + path + " ("
                        + existing.get().value() + ")");
            }
            if (request.dryRun()) {
                return dryRun(client, folderPath, path, name, existing);
            }
            MoRef folder = VmFolders.ensure(client, folderPath);
            String workName = existing.isPresent() ? name + "-publishing-" + shortId() : name;
            VirtualMachine vm = buildVm != null
                    ? fromBuildVm(client, buildVm, folder, workName, resolved)
                    : importOva(client, folder, workName, resolved);
            List<String> tags;
            try {
                checkCancelled();
                vm.annotate(TemplateNotes.render(request.identity(), Instant.now()));
                vm.markAsTemplate();
                say(Stage.TEMPLATE_READY, "template " + InventoryPath.child(folderPath, workName) + " (" + vm.ref().value()
                        + ") is ready");
                checkCancelled();
                tags = tag(client, vm.ref());
                checkCancelled();
            } catch (VsphereException | Cancelled e) {
                if (buildVm == null || !buildVm.convertInPlace()) {
                    destroyQuietly(vm);
                }
                throw e;
            }
            String outcome = "published";
            if (existing.isPresent()) {
                swap(VirtualMachine.of(client, existing.get()), vm, name);
                outcome = "replaced";
            }
            // The template is in place from here on: a later step that fails is reported with it, not instead of it.
            String itemId = null;
            List<String> removed = new ArrayList<>();
            try {
                if (target.contentLibrary() != null) {
                    itemId = contentLibrary(client, name);
                }
                prune(client, folder, folderPath, vm.ref(), removed);
            } catch (VsphereException | IOException e) {
                String why = outcome + " " + path + ", but " + (itemId == null && target.contentLibrary() != null
                        ? "the content library item failed: " : "deleting older templates failed: ") + e.getMessage();
                listener.progress(new PublishProgress(target.label(), Stage.FAILED, bytesSent, 0, masker.mask(why)));
                return result("failed", path, vm.ref().value(), target.contentLibrary(), itemId, tags, removed, why);
            }
            say(Stage.DONE, outcome + " " + path + " (" + vm.ref().value() + ")");
            return result(outcome, path, vm.ref().value(), target.contentLibrary(), itemId, tags, removed,
                    outcome + " " + path + (removed.isEmpty() ? "" : "; removed " + String.join(", ", removed)));
        }
    }

    private PublishRequest.BuildVm buildVmHere() {
        PublishRequest.BuildVm vm = request.buildVm();
        return vm != null && vm.server().equalsIgnoreCase(target.server()) ? vm : null;
    }

    private VirtualMachine importOva(VimClient client, MoRef folder, String workName, Map<String, String> resolved)
            throws VsphereException, IOException, Cancelled {
        if (request.ova() == null) {
            throw new IOException("there is no OVA to import into " + target.server());
        }
        source = "ova";
        OvaArchive ova = OvaArchive.open(request.ova());
        OvfDescriptor descriptor = ova.descriptor();
        OvfImport.Placement placement = new OvfImport.Placement(folder, ref(client, resolved, VCENTER_RESOURCE_POOL.key()),
                ref(client, resolved, VCENTER_DATASTORE.key()), ref(client, resolved, VCENTER_NETWORK.key()));
        HttpNfcLease lease = OvfImport.begin(client, descriptor, workName, placement);
        try {
            long total = 0;
            List<OvaArchive.Entry> entries = new ArrayList<>();
            for (HttpNfcLease.Upload u : lease.uploads()) {
                OvaArchive.Entry e = ova.entry(u.item().path()).orElseThrow(() -> new IOException(request.ova()
                        + ": the OVF references " + u.item().path() + ", which is not in the OVA"));
                entries.add(e);
                total += e.size();
            }
            lease.keepAlive(total);
            long all = total;
            say(Stage.UPLOADING, "uploading " + request.ova().getFileName() + " to " + target.server());
            long[] lastPct = {-1};
            for (int i = 0; i < entries.size(); i++) {
                checkCancelled();
                OvaArchive.Entry e = entries.get(i);
                try (InputStream in = ova.open(e)) {
                    lease.upload(lease.uploads().get(i), in, e.size(), sent -> {
                        bytesSent = sent;
                        long pct = all == 0 ? 100 : sent * 100 / all;
                        if (pct != lastPct[0]) {
                            lastPct[0] = pct;
                            listener.progress(new PublishProgress(target.label(), Stage.UPLOADING, sent, all,
                                    "uploading " + e.name()));
                        }
                    }, cancelled);
                }
            }
            checkCancelled();
            lease.complete();
        } catch (VsphereException | IOException | Cancelled | RuntimeException e) {
            lease.abort();
            removePartial(client, lease.entity());
            throw e;
        }
        return VirtualMachine.of(client, lease.entity());
    }

    /** An aborted import lease makes vCenter delete its VM; the simulator keeps it, so make sure. */
    private void removePartial(VimClient client, MoRef entity) {
        if (entity == null) {
            return;
        }
        try {
            client.retrieveOne(entity, List.of("name"));
        } catch (VsphereException gone) {
            return;
        }
        destroyQuietly(VirtualMachine.of(client, entity));
    }

    private VirtualMachine fromBuildVm(VimClient client, PublishRequest.BuildVm buildVm, MoRef folder, String workName,
                                       Map<String, String> resolved) throws VsphereException, Cancelled {
        source = "build-vm";
        MoRef ref = client.findByInventoryPath(buildVm.inventoryPath()).filter(r -> "VirtualMachine".equals(r.type()))
                .orElseThrow(() -> new VsphereException(VsphereException.Kind.INVALID_INPUT, target.server(),
                        "the build VM " + buildVm.inventoryPath() + " is not in vCenter " + target.server()));
        VirtualMachine vm = VirtualMachine.of(client, ref);
        vm.powerOff();
        checkCancelled();
        if (buildVm.convertInPlace()) {
            say(Stage.CLONING, "converting " + buildVm.inventoryPath() + " in place");
            if (!InventoryPath.parent(buildVm.inventoryPath()).equals(InventoryPath.parent(
                    InventoryPath.child(TargetPreflight.folderPath(resolved, target.place()), workName)))) {
                throw new VsphereException(VsphereException.Kind.INVALID_INPUT, target.server(), "the build VM "
                        + buildVm.inventoryPath() + " is not in the target folder; clone it instead of converting it");
            }
            if (!vm.state().name().equals(workName)) {
                vm.rename(workName);
            }
            return vm;
        }
        say(Stage.CLONING, "cloning " + buildVm.inventoryPath() + " to '" + workName + "'");
        return vm.cloneToVm(folder, workName, ref(client, resolved, VCENTER_RESOURCE_POOL.key()),
                ref(client, resolved, VCENTER_DATASTORE.key()));
    }

    private List<String> tag(VimClient client, MoRef vm) throws VsphereException {
        say(Stage.TAGGING, "tagging " + vm.value());
        TemplateIdentity id = request.identity();
        List<TagName> wanted = new ArrayList<>(List.of(MARKER, new TagName(MARKER_CATEGORY + ".image-name", id.imageName())));
        addIfSet(wanted, "os", id.osVersion());
        addIfSet(wanted, "kubernetes", id.kubernetesVersion());
        addIfSet(wanted, "image-type", id.imageType());
        try (VapiClient rest = VapiClient.login(client, target.user(), target.password())) {
            Tagging tagging = new Tagging(rest);
            List<String> attached = new ArrayList<>();
            for (TagName t : wanted) {
                tagging.attach(tagging.ensureTag(t, "Set by capi-image-build on the templates it publishes"), vm);
                attached.add(t.toString());
            }
            return attached;
        }
    }

    private static void addIfSet(List<TagName> tags, String what, String value) {
        if (value != null && !value.isBlank()) {
            tags.add(new TagName(MARKER_CATEGORY + "." + what, value.strip()));
        }
    }

    /**
     * The old template steps aside under a temporary name, the new one takes the name, the old one goes. If the
     * new one cannot take the name, the old one gets it back and the new one is deleted.
     */
    private void swap(VirtualMachine old, VirtualMachine fresh, String name) throws VsphereException {
        say(Stage.SWAPPING, "replacing the template named '" + name + "'");
        String aside = name + "-replaced-" + shortId();
        old.rename(aside);
        try {
            fresh.rename(name);
        } catch (VsphereException e) {
            try {
                old.rename(name);
            } catch (VsphereException again) {
                e.addSuppressed(again);
            }
            destroyQuietly(fresh);
            throw e;
        }
        try {
            old.destroy();
        } catch (VsphereException e) {
            say(Stage.SWAPPING, "the old template is still there as '" + aside + "': " + e.getMessage());
        }
    }

    private String contentLibrary(VimClient client, String name) throws VsphereException, IOException {
        if (request.ova() == null) {
            throw new IOException("a content library item is made from the OVA, and there is none");
        }
        say(Stage.CONTENT_LIBRARY, "publishing '" + name + "' to content library " + target.contentLibrary());
        OvaArchive ova = OvaArchive.open(request.ova());
        OvfDescriptor descriptor = ova.descriptor();
        try (VapiClient rest = VapiClient.login(client, target.user(), target.password())) {
            ContentLibrary library = ContentLibrary.find(rest, target.contentLibrary()).orElseThrow(() ->
                    new IOException("there is no content library named '" + target.contentLibrary() + "'"));
            Optional<String> existing = library.findItem(name);
            if (existing.isPresent() && request.onExisting() == OnExisting.SKIP) {
                return existing.get();
            }
            if (existing.isPresent() && request.onExisting() == OnExisting.FAIL) {
                throw new IOException("content library " + library.name() + " already has an item named '" + name + "'");
            }
            String item = existing.isPresent() ? existing.get()
                    : library.createOvfItem(name, TemplateNotes.render(request.identity(), Instant.now()));
            ContentLibrary.Update update = library.update(item);
            try {
                OvaArchive.Entry ovf = ova.descriptorEntry().orElseThrow();
                try (InputStream in = ova.open(ovf)) {
                    update.upload(fileName(ovf.name()), in, ovf.size());
                }
                Set<String> sent = new LinkedHashSet<>();
                for (OvfDescriptor.FileRef f : descriptor.files()) {
                    OvaArchive.Entry e = ova.entry(f.href()).orElseThrow(() -> new IOException(request.ova()
                            + ": the OVF references " + f.href() + ", which is not in the OVA"));
                    if (sent.add(e.name())) {
                        try (InputStream in = ova.open(e)) {
                            update.upload(fileName(e.name()), in, e.size());
                        }
                        bytesSent += e.size();
                    }
                }
                update.complete();
            } catch (VsphereException | IOException | RuntimeException e) {
                update.fail();
                if (existing.isEmpty()) {
                    try {
                        library.deleteItem(item);
                    } catch (VsphereException again) {
                        e.addSuppressed(again);
                    }
                }
                throw e;
            }
            return item;
        }
    }

    private static String fileName(String entry) {
        return entry.substring(entry.lastIndexOf('/') + 1);
    }

    /** The family in the folder: templates whose notes carry this tool's marker and the same image name. */
    private List<Retention.Member> family(VimClient client, MoRef folder, String folderPath) throws VsphereException {
        List<Retention.Member> out = new ArrayList<>();
        for (ObjectContent o : VmFolders.virtualMachinesIn(client, folder, FAMILY_PATHS)) {
            if (!o.bool("config.template")) {
                continue;
            }
            Optional<TemplateNotes.Parsed> notes = TemplateNotes.parse(o.text("config.annotation").orElse(""));
            if (notes.isEmpty() || !notes.get().imageName().equals(request.identity().imageName())) {
                continue;
            }
            Instant at = notes.get().publishedAt() != null ? notes.get().publishedAt()
                    : o.instant("config.createDate").orElse(null);
            out.add(new Retention.Member(o.ref(), InventoryPath.child(folderPath, o.name()), at));
        }
        return out;
    }

    /** Deletes the family's older templates beyond {@code keep}, adding each to {@code removed} as it goes. */
    private void prune(VimClient client, MoRef folder, String folderPath, MoRef justPublished, List<String> removed)
            throws VsphereException {
        if (request.keep() <= 0) {
            return;
        }
        for (Retention.Member m : Retention.toDelete(family(client, folder, folderPath), justPublished, request.keep())) {
            say(Stage.PRUNING, "deleting the older template " + m.path() + " (keeping " + request.keep() + ")");
            VirtualMachine.of(client, m.ref()).destroy();
            removed.add(m.path());
        }
    }

    private Publication dryRun(VimClient client, String folderPath, String path, String name,
                               Optional<MoRef> existing) throws VsphereException {
        List<String> wouldGo = new ArrayList<>();
        Optional<MoRef> folder = client.findByInventoryPath(folderPath);
        if (folder.isPresent() && request.keep() > 0) {
            // The new template would be the newest: it takes one of the places kept.
            for (Retention.Member m : Retention.toDelete(family(client, folder.get(), folderPath),
                    new MoRef("VirtualMachine", "(new)"), request.keep())) {
                wouldGo.add(m.path());
            }
        }
        if (existing.isPresent()) {
            wouldGo.add(0, path + " (" + existing.get().value() + ", replaced)");
        }
        String from = buildVmHere() != null ? "the build VM " + buildVmHere().inventoryPath() : "the OVA";
        source = buildVmHere() != null ? "build-vm" : "ova";
        return result("dry-run", path, existing.map(MoRef::value).orElse(null), target.contentLibrary(), null,
                List.of(), wouldGo, "would publish '" + name + "' to " + folderPath + " from " + from
                        + (wouldGo.isEmpty() ? "" : "; would remove " + String.join(", ", wouldGo)));
    }

    private void checkCancelled() throws Cancelled {
        if (cancelled.getAsBoolean()) {
            throw new Cancelled();
        }
    }

    private static MoRef ref(VimClient client, Map<String, String> resolved, String key) throws VsphereException {
        String path = resolved.get(key);
        if (path == null) {
            return null;
        }
        return client.findByInventoryPath(path).orElseThrow(() -> new VsphereException(
                VsphereException.Kind.INVALID_INPUT, client.endpoint().toString(), key + ": " + path + " is gone"));
    }

    private void destroyQuietly(VirtualMachine vm) {
        try {
            vm.powerOff();
            vm.destroy();
        } catch (VsphereException e) {
            say(Stage.FAILED, "could not delete the unfinished " + vm.ref().value() + ": " + e.getMessage());
        }
    }

    private static String shortId() {
        return HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    }

    private void say(Stage stage, String message) {
        listener.progress(new PublishProgress(target.label(), stage, 0, 0, masker.mask(message)));
    }

    private Publication result(String outcome, String path, String moref, String library, String itemId,
                               List<String> tags, List<String> removed, String message) {
        return new Publication(target.label(), target.server(), outcome, path, moref, source, library, itemId, tags,
                bytesSent, (System.nanoTime() - started) / 1_000_000, removed,
                path == null ? null : PaletteValues.of(path, request.identity()), masker.mask(message));
    }

    private Publication failed(String why) {
        String message = masker.mask(why == null ? "failed" : why);
        listener.progress(new PublishProgress(target.label(), Stage.FAILED, bytesSent, 0, message));
        return new Publication(target.label(), target.server(), "failed", null, null, source, target.contentLibrary(),
                null, List.of(), bytesSent, (System.nanoTime() - started) / 1_000_000, List.of(), null, message);
    }
}
