package io.jenkins.plugins.capi.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.capi.config.ImageConfig;
import io.jenkins.plugins.capi.metadata.MetadataJson;
import io.jenkins.plugins.capi.metadata.TemplateMetadata;
import io.jenkins.plugins.capi.metadata.TemplateMetadata.Publication;
import io.jenkins.plugins.capi.publish.PublishProgress.Stage;
import io.jenkins.plugins.capi.testing.OvaFixture;
import io.jenkins.plugins.capi.testing.Vcsim;
import io.jenkins.plugins.capi.vsphere.MoRef;
import io.jenkins.plugins.capi.vsphere.ObjectContent;
import io.jenkins.plugins.capi.vsphere.Tagging;
import io.jenkins.plugins.capi.vsphere.VapiClient;
import io.jenkins.plugins.capi.vsphere.VimClient;
import io.jenkins.plugins.capi.vsphere.VmFolders;
import io.jenkins.plugins.capi.vsphere.VsphereException;
import io.jenkins.plugins.capi.vsphere.VsphereTimeouts;
import io.jenkins.plugins.capi.vsphere.VsphereTls;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Publishing against real vcsim processes on loopback: import, tags, notes, replace, keep, targets, abort. */
@ExtendWith(Vcsim.Available.class)
class PublisherTest {

    static final VsphereTimeouts TIMEOUTS = new VsphereTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(20));
    static final String IMAGE = "rocky-8";
    static final String TEMPLATE = "rockylinux-8-kube-v1.30.4";

    @TempDir
    Path dir;

    static TemplateIdentity identity(String buildId) {
        return new TemplateIdentity(IMAGE, TEMPLATE, "rockylinux-8", "standard", "1.30.4", "1.7.13", "1.3.0",
                "ab".repeat(32), "example.com/capi-builder@sha256:" + "cd".repeat(32), buildId,
                Instant.parse("2026-07-22T11:00:31Z"), Map.of("jenkins.job", "images/rocky-8"));
    }

    static Map<String, String> place(Vcsim sim, String folder) {
        Map<String, String> m = new HashMap<>(Map.of("vcenter_server", sim.server(), "vcenter_datacenter", "DC0",
                "vcenter_cluster", "DC0_C0", "vcenter_datastore", "LocalDS_0", "vcenter_network", "DC0_DVPG0",
                "vcenter_folder", folder));
        return m;
    }

    static PublishTarget target(Vcsim sim, String label, String folder, String password) {
        return PublishTarget.of(ImageConfig.of(label, place(sim, folder)), Vcsim.USER, password,
                new VsphereTls(sim.caFile(), false), null);
    }

    static PublishTarget target(Vcsim sim, String folder) {
        return target(sim, "target-a", folder, Vcsim.PASSWORD);
    }

    static VimClient admin(Vcsim sim, String password) throws VsphereException {
        VimClient c = VimClient.connect(sim.server(), new VsphereTls(sim.caFile(), false), TIMEOUTS);
        c.login(Vcsim.USER, password);
        return c;
    }

    /** Collects what the listener saw; thread-safe. */
    static final class Seen implements PublishListener {
        final List<PublishProgress> events = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void progress(PublishProgress p) {
            events.add(p);
        }

        String all() {
            synchronized (events) {
                return String.join("\n", events.stream().map(PublishProgress::line).toList());
            }
        }
    }

    PublishRequest.Builder request(Path ova, String buildId) {
        return PublishRequest.builder(identity(buildId)).ova(ova).timeouts(TIMEOUTS);
    }

    @Test
    void theOvaBecomesATaggedAnnotatedTemplateWithItsDiskInTheFolder() throws Exception {
        Path ova = OvaFixture.write(dir, "rocky-8", 2 * 1024 * 1024 + 5, true);
        try (Vcsim sim = Vcsim.start("-folder", "Templates")) {
            Seen seen = new Seen();
            PublishResult result = new Publisher(request(ova, "12").target(target(sim, "Templates")).build(), seen)
                    .publish();

            Publication p = result.publications().get(0);
            assertThat(result.succeeded()).as(result.lines().toString()).isTrue();
            assertThat(p.outcome()).isEqualTo("published");
            assertThat(p.source()).isEqualTo("ova");
            assertThat(p.inventoryPath()).isEqualTo("/DC0/vm/Templates/" + TEMPLATE);
            assertThat(p.bytesSent()).isEqualTo(2 * 1024 * 1024 + 5);
            assertThat(p.palette()).isEqualTo(new TemplateMetadata.Palette("/DC0/vm/Templates/" + TEMPLATE,
                    "rockylinux", "8", "1.30.4"));
            assertThat(p.tags()).contains("capi-image-build:published", "capi-image-build.image-name:rocky-8",
                    "capi-image-build.os:rockylinux-8", "capi-image-build.kubernetes:1.30.4",
                    "capi-image-build.image-type:standard");
            assertThat(seen.events).extracting(PublishProgress::stage).contains(Stage.UPLOADING, Stage.TEMPLATE_READY,
                    Stage.TAGGING, Stage.DONE);
            assertThat(seen.events).filteredOn(e -> e.stage() == Stage.UPLOADING && e.bytesTotal() > 0)
                    .last().satisfies(e -> assertThat(e.bytesSent()).isEqualTo(e.bytesTotal()));

            try (VimClient c = admin(sim, Vcsim.PASSWORD)) {
                MoRef vm = c.findByInventoryPath(p.inventoryPath()).orElseThrow();
                assertThat(vm.value()).isEqualTo(p.managedObjectId());
                ObjectContent o = c.retrieveOne(vm, List.of("config.template", "config.annotation",
                        "config.hardware.device"));
                assertThat(o.bool("config.template")).isTrue();
                assertThat(o.text("config.annotation").orElse("")).startsWith(TemplateNotes.MARKER)
                        .contains("image_name: rocky-8", "kubernetes: 1.30.4", "ova_sha256: " + "ab".repeat(32),
                                "producer.jenkins.job: images/rocky-8");
                assertThat(o.children("config.hardware.device")).anySatisfy(d ->
                        assertThat(d.getAttributeNS("http://www.w3.org/2001/XMLSchema-instance", "type")).endsWith("VirtualDisk"));
                try (VapiClient rest = VapiClient.login(c, Vcsim.USER, Vcsim.PASSWORD)) {
                    assertThat(new Tagging(rest).tagsOf(vm)).extracting(Tagging.TagName::toString)
                            .containsExactlyInAnyOrderElementsOf(p.tags());
                }
            }
            String everything = seen.all() + result + MetadataJson.toJson(minimalMetadata().withPublications(result.publications()));
            assertThat(everything).doesNotContain(Vcsim.PASSWORD);
        }
    }

    static TemplateMetadata minimalMetadata() {
        return new TemplateMetadata(TemplateMetadata.SCHEMA_VERSION, IMAGE, "rockylinux-8", "standard", "1.30.4",
                null, null, null, null, null, null, null, null, null, List.of(), Map.of(), Map.of());
    }

    @Test
    void replaceKeepsTheOldTemplateUsableUntilTheNewOneIsCompleteThenSwaps() throws Exception {
        Path ova = OvaFixture.write(dir, "rocky-8", 256 * 1024, true);
        try (Vcsim sim = Vcsim.start("-folder", "Templates"); VimClient watcher = admin(sim, Vcsim.PASSWORD)) {
            Publication first = new Publisher(request(ova, "1").target(target(sim, "Templates")).build(), null)
                    .publish().publications().get(0);
            assertThat(first.outcome()).isEqualTo("published");

            AtomicReference<Optional<MoRef>> atPathWhenNewWasReady = new AtomicReference<>();
            PublishListener watch = e -> {
                if (e.stage() == Stage.TEMPLATE_READY) {
                    try {
                        atPathWhenNewWasReady.set(watcher.findByInventoryPath(first.inventoryPath()));
                    } catch (VsphereException ex) {
                        throw new IllegalStateException(ex);
                    }
                }
            };
            Publication second = new Publisher(request(ova, "2").onExisting(OnExisting.REPLACE)
                    .target(target(sim, "Templates")).build(), watch).publish().publications().get(0);

            assertThat(second.outcome()).as(second.message()).isEqualTo("replaced");
            assertThat(atPathWhenNewWasReady.get()).as("the old template is still at the path while the new one is finished")
                    .contains(new MoRef("VirtualMachine", first.managedObjectId()));
            assertThat(watcher.findByInventoryPath(first.inventoryPath()))
                    .contains(new MoRef("VirtualMachine", second.managedObjectId()));
            assertThat(second.managedObjectId()).isNotEqualTo(first.managedObjectId());
            List<String> names = VmFolders.virtualMachinesIn(watcher, watcher.findByInventoryPath("/DC0/vm/Templates")
                    .orElseThrow(), List.of("name")).stream().map(ObjectContent::name).toList();
            assertThat(names).containsExactly(TEMPLATE);
        }
    }

    @Test
    void failStopsAtTheExistingTemplateAndSkipLeavesIt() throws Exception {
        Path ova = OvaFixture.write(dir, "rocky-8", 4096, true);
        try (Vcsim sim = Vcsim.start("-template", "Templates/" + TEMPLATE)) {
            PublishRequest failing = request(ova, "1").target(target(sim, "Templates")).build();
            List<TargetCheck> checks = Publisher.preflight(failing);
            assertThat(checks.get(0).passed()).isFalse();
            assertThat(checks.get(0).errors()).singleElement().satisfies(f -> {
                assertThat(f.format()).contains("target-a", "already at /DC0/vm/Templates/" + TEMPLATE, "replace or skip");
            });
            Publication failed = new Publisher(failing, null).publish().publications().get(0);
            assertThat(failed.outcome()).isEqualTo("failed");

            Publication skipped = new Publisher(request(ova, "1").onExisting(OnExisting.SKIP)
                    .target(target(sim, "Templates")).build(), null).publish().publications().get(0);
            assertThat(skipped.outcome()).isEqualTo("skipped");
            assertThat(skipped.inventoryPath()).isEqualTo("/DC0/vm/Templates/" + TEMPLATE);
            assertThat(skipped.bytesSent()).isZero();
        }
    }

    @Test
    void keepDeletesOnlyOlderTemplatesOfTheFamilyAndDryRunShowsWhatWouldGo() throws Exception {
        Path ova = OvaFixture.write(dir, "rocky-8", 4096, true);
        // A template of the same image someone made by hand (no marker) and another family's template stay.
        try (Vcsim sim = Vcsim.start("-template", "Templates/rocky-8-by-hand"); VimClient c = admin(sim, Vcsim.PASSWORD)) {
            NamePattern numbered = NamePattern.of("{image_name}-{build}");
            for (String build : List.of("1", "2")) {
                assertThat(new Publisher(request(ova, build).name(numbered).target(target(sim, "Templates")).build(),
                        null).publish().succeeded()).isTrue();
            }
            PublishRequest other = PublishRequest.builder(new TemplateIdentity("ubuntu-22", null, "ubuntu-2204",
                    "standard", "1.30.4", null, null, null, null, "1", Instant.now(), Map.of()))
                    .ova(ova).name(numbered).timeouts(TIMEOUTS).target(target(sim, "Templates")).build();
            assertThat(new Publisher(other, null).publish().succeeded()).isTrue();

            Publication dry = new Publisher(request(ova, "3").name(numbered).keep(2).dryRun(true)
                    .target(target(sim, "Templates")).build(), null).publish().publications().get(0);
            assertThat(dry.outcome()).isEqualTo("dry-run");
            assertThat(dry.removedTemplates()).containsExactly("/DC0/vm/Templates/rocky-8-1");
            assertThat(c.findByInventoryPath("/DC0/vm/Templates/rocky-8-1")).isPresent();
            assertThat(c.findByInventoryPath("/DC0/vm/Templates/rocky-8-3")).isEmpty();

            Publication third = new Publisher(request(ova, "3").name(numbered).keep(2)
                    .target(target(sim, "Templates")).build(), null).publish().publications().get(0);
            assertThat(third.outcome()).isEqualTo("published");
            assertThat(third.removedTemplates()).containsExactly("/DC0/vm/Templates/rocky-8-1");
            List<String> left = VmFolders.virtualMachinesIn(c, c.findByInventoryPath("/DC0/vm/Templates").orElseThrow(),
                    List.of("name")).stream().map(ObjectContent::name).sorted().toList();
            assertThat(left).containsExactly("rocky-8-2", "rocky-8-3", "rocky-8-by-hand", "ubuntu-22-1");
        }
    }

    @Test
    void twoSimulatorsArePublishedInParallelAndAFailingTargetDoesNotUndoTheOther() throws Exception {
        Path ova = OvaFixture.write(dir, "rocky-8", 512 * 1024, true);
        String otherPassword = "An0ther<planted>&pw";
        try (Vcsim a = Vcsim.start("-folder", "Templates");
             Vcsim b = Vcsim.startWithPassword(otherPassword, "-folder", "Golden")) {
            Map<String, String> broken = place(b, "Golden");
            broken.put("vcenter_folder", "Golden");
            PublishTarget good = target(a, "target-a", "Templates", Vcsim.PASSWORD);
            PublishTarget second = target(b, "target-b", "Golden", otherPassword);
            Seen seen = new Seen();
            PublishResult result = new Publisher(request(ova, "7").keep(2).target(good).target(second).build(), seen)
                    .publish();
            assertThat(result.succeeded()).as(result.lines().toString()).isTrue();
            assertThat(result.publications()).extracting(Publication::target, Publication::outcome, Publication::server)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("target-a", "published", a.server()),
                            org.assertj.core.groups.Tuple.tuple("target-b", "published", b.server()));
            assertThat(result.publications().get(1).inventoryPath()).isEqualTo("/DC0/vm/Golden/" + TEMPLATE);
            try (VimClient cb = admin(b, otherPassword)) {
                assertThat(cb.findByInventoryPath("/DC0/vm/Golden/" + TEMPLATE)).isPresent();
            }

            // The same two again, replacing, with the second target's vCenter gone: the first still succeeds.
            PublishTarget unreachable = PublishTarget.of(ImageConfig.of("target-b", Map.of("vcenter_server",
                    "127.0.0.1:1", "vcenter_datacenter", "DC0", "vcenter_cluster", "DC0_C0", "vcenter_datastore",
                    "LocalDS_0", "vcenter_network", "DC0_DVPG0", "vcenter_folder", "Golden")), Vcsim.USER, otherPassword,
                    new VsphereTls(b.caFile(), false), null);
            PublishResult partial = new Publisher(request(ova, "8").onExisting(OnExisting.REPLACE).target(good)
                    .target(unreachable).build(), seen).publish();
            assertThat(partial.succeeded()).isFalse();
            assertThat(partial.publications()).extracting(Publication::outcome).containsExactly("replaced", "failed");
            assertThat(partial.publications().get(1).message()).contains("target-b", "127.0.0.1:1", "connection refused");
            assertThat(seen.all() + result + partial).doesNotContain(Vcsim.PASSWORD).doesNotContain(otherPassword);
        }
    }

    @Test
    void aWrongTargetIsFoundInSecondsNamingTheTargetTheKeyAndTheFix() throws Exception {
        try (Vcsim sim = Vcsim.start("-folder", "Templates")) {
            Map<String, String> wrong = place(sim, "Templates");
            wrong.put("vcenter_datastore", "LocalDS_9");
            PublishTarget typo = PublishTarget.of(ImageConfig.of("targets/dr-site.conf", wrong), Vcsim.USER,
                    Vcsim.PASSWORD, new VsphereTls(sim.caFile(), false), "NoSuchLibrary");
            long start = System.nanoTime();
            List<TargetCheck> checks = Publisher.preflight(PublishRequest.builder(identity("1")).timeouts(TIMEOUTS)
                    .target(target(sim, "Templates")).target(typo).build());
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(took).isLessThan(Duration.ofSeconds(10));
            assertThat(checks.get(0).passed()).as(checks.get(0).errors().toString()).isTrue();
            assertThat(checks.get(1).passed()).isFalse();
            assertThat(checks.get(1).errors()).anySatisfy(f -> assertThat(f.format())
                    .contains("targets/dr-site.conf", "vcenter_datastore 'LocalDS_9'", "LocalDS_0", "hint:"));
            assertThat(checks.toString()).doesNotContain(Vcsim.PASSWORD);
        }
    }

    @Test
    void cancellingMidUploadAbortsTheLeaseAndLeavesNoVm() throws Exception {
        Path ova = OvaFixture.write(dir, "rocky-8", 512L * 1024 * 1024, false);
        try (Vcsim sim = Vcsim.start("-folder", "Templates"); VimClient c = admin(sim, Vcsim.PASSWORD)) {
            List<String> before = allVmNames(c);
            AtomicReference<Publisher> publisher = new AtomicReference<>();
            PublishListener cancelAfterAMegabyte = e -> {
                if (e.stage() == Stage.UPLOADING && e.bytesSent() > 1024 * 1024) {
                    publisher.get().cancel();
                }
            };
            publisher.set(new Publisher(request(ova, "1").target(target(sim, "Templates")).build(), cancelAfterAMegabyte));
            Publication p = publisher.get().publish().publications().get(0);

            assertThat(p.outcome()).isEqualTo("failed");
            assertThat(p.message()).contains("cancelled");
            assertThat(p.bytesSent()).isGreaterThan(1024 * 1024).isLessThan(512L * 1024 * 1024);
            assertThat(allVmNames(c)).containsExactlyInAnyOrderElementsOf(before);
            assertThat(c.findByInventoryPath("/DC0/vm/Templates/" + TEMPLATE)).isEmpty();
        }
    }

    static List<String> allVmNames(VimClient c) throws VsphereException {
        return c.findAll(c.serviceContent().rootFolder(), List.of("VirtualMachine"), List.of("name")).stream()
                .map(ObjectContent::name).toList();
    }

    @Test
    void theKeptBuildVmIsClonedToATemplateOrConvertedInPlace() throws Exception {
        try (Vcsim sim = Vcsim.start("-vm", "Builds/rocky-8", "-vm", "Templates/" + TEMPLATE + "-vm", "-folder", "Templates");
             VimClient c = admin(sim, Vcsim.PASSWORD)) {
            PublishRequest clone = PublishRequest.builder(identity("1")).timeouts(TIMEOUTS)
                    .buildVm(new PublishRequest.BuildVm(sim.server(), "/DC0/vm/Builds/rocky-8", false))
                    .target(target(sim, "Templates")).build();
            Publication cloned = new Publisher(clone, null).publish().publications().get(0);
            assertThat(cloned.outcome()).as(cloned.message()).isEqualTo("published");
            assertThat(cloned.source()).isEqualTo("build-vm");
            assertThat(c.retrieveOne(c.findByInventoryPath("/DC0/vm/Templates/" + TEMPLATE).orElseThrow(),
                    List.of("config.template")).bool("config.template")).isTrue();
            assertThat(c.findByInventoryPath("/DC0/vm/Builds/rocky-8")).as("a clone leaves the build VM").isPresent();

            PublishRequest convert = PublishRequest.builder(identity("1")).timeouts(TIMEOUTS)
                    .name(NamePattern.of("{image_name}-converted"))
                    .buildVm(new PublishRequest.BuildVm(sim.server(), "/DC0/vm/Templates/" + TEMPLATE + "-vm", true))
                    .target(target(sim, "Templates")).build();
            Publication converted = new Publisher(convert, null).publish().publications().get(0);
            assertThat(converted.outcome()).as(converted.message()).isEqualTo("published");
            MoRef vm = c.findByInventoryPath("/DC0/vm/Templates/rocky-8-converted").orElseThrow();
            assertThat(c.findByInventoryPath("/DC0/vm/Templates/" + TEMPLATE + "-vm")).isEmpty();
            assertThat(c.retrieveOne(vm, List.of("config.template")).bool("config.template")).isTrue();
        }
    }

    @Test
    void theOvfIsPublishedAsAContentLibraryItemToo() throws Exception {
        Path ova = OvaFixture.write(dir, "rocky-8", 64 * 1024, true);
        try (Vcsim sim = Vcsim.start("-folder", "Templates", "-library", "capi-images")) {
            PublishTarget t = PublishTarget.of(ImageConfig.of("target-a", place(sim, "Templates")), Vcsim.USER,
                    Vcsim.PASSWORD, new VsphereTls(sim.caFile(), false), "capi-images");
            Publication p = new Publisher(request(ova, "1").target(t).build(), null).publish().publications().get(0);
            assertThat(p.outcome()).as(p.message()).isEqualTo("published");
            assertThat(p.contentLibrary()).isEqualTo("capi-images");
            assertThat(p.contentLibraryItemId()).isNotBlank();
            try (VimClient c = admin(sim, Vcsim.PASSWORD); VapiClient rest = VapiClient.login(c, Vcsim.USER, Vcsim.PASSWORD)) {
                var files = rest.get("/com/vmware/content/library/item/file?library_item_id=" + p.contentLibraryItemId());
                List<String> names = new ArrayList<>();
                files.forEach(f -> names.add(f.path("name").asText()));
                assertThat(names).containsExactlyInAnyOrder("rocky-8.ovf", "rocky-8-disk-0.vmdk");
                assertThat(rest.get("/com/vmware/content/library/item/id:" + p.contentLibraryItemId()).path("name").asText())
                        .isEqualTo(TEMPLATE);
            }
        }
    }
}
