package io.jenkins.plugins.capi.airgap;

import java.util.ArrayList;
import java.util.List;

/** Writes down, from a preparation, the steps {@link AirgapEnvironment#setUp} takes. */
final class AirgapPlan {

    private AirgapPlan() {}

    static List<PlannedStep> of(AirgapPreparation prep) {
        List<PlannedStep> steps = new ArrayList<>();
        AirgapRequest r = prep.request();
        AirgapBundle b = prep.bundle().orElse(null);
        if (b == null) {
            return steps;
        }
        WorkFolder work = new WorkFolder(r.workDir());
        String how = b.kind() == AirgapBundle.Kind.ARCHIVE ? "streamed from " + b.source().getFileName()
                + " into the engine (nothing written to disk)" : "streamed from the file into the engine";
        b.builderImage().ifPresent(t -> steps.add(image(t, VendorImages.builder(t.tag()), prep.builderAlreadyLoaded(), how)));
        b.yumImage().ifPresent(t -> steps.add(image(t, VendorImages.yum(t.tag()), prep.yumAlreadyLoaded(), how)));
        String verb = b.kind() == AirgapBundle.Kind.ARCHIVE ? "extract" : "copy";
        steps.add(new PlannedStep(verb, "rpmrepo/ (" + b.rpmRepoFiles().size() + " files, " + b.packages().rpmCount()
                + " packages)", "to " + work.rpmRepo()));
        if (!b.kickstarts().isEmpty()) {
            steps.add(new PlannedStep(verb, "kickstart/ (" + String.join(", ", b.kickstarts()) + ")",
                    "to " + work.kickstarts()));
        }
        if (b.hasImageConfigTemplate()) {
            steps.add(new PlannedStep(verb, "output/imageconfig (the vendor's template)", "to "
                    + work.imageConfigTemplate()));
        }
        steps.add(new PlannedStep("copy", r.certificate().toString(), "to " + work.rpmRepo().resolve("server.crt")
                + " (served to the build VM)"));
        String yumImage = b.yumImage().map(t -> VendorImages.yum(t.tag())).orElse("the yum-repo image");
        steps.add(new PlannedStep("start", "Yum repository " + YumRepository.containerNameOf(r.runId()),
                "from " + yumImage + ", port " + r.yumPort() + " → 80, " + work.rpmRepo() + " mounted at "
                        + YumRepository.CONTAINER_PATH + "; ready when its log says \"" + YumRepository.READY_LINE
                        + "\" (within " + r.yumReadyTimeout() + ") and " + YumRepository.INDEX
                        + " answers; stopped and removed when the build ends"));
        if (r.kubernetesPack() != null && r.runKubernetesPack()) {
            steps.add(new PlannedStep("run", r.kubernetesPack().toString(), "in " + work.root().resolve("pack")
                    + " before the builder starts, output masked, within " + r.packTimeout()));
        }
        ArchiveLayout.kickstartFor(prep.config().osVersion()).filter(b.kickstarts()::contains).ifPresent(k ->
                steps.add(new PlannedStep("stage", "kickstart/" + k, "as ks.cfg in the output folder when it has "
                        + "none; removed after the build")));
        steps.add(new PlannedStep("remove", work.root().toString(), "when the build ends"));
        return steps;
    }

    private static PlannedStep image(AirgapBundle.ImageTar t, String documented, boolean present, String how) {
        if (present) {
            return new PlannedStep("use", documented, "already loaded; " + t.entry() + " is not loaded again");
        }
        return new PlannedStep("load", t.entry() + " (" + AirgapProgress.size(t.size()) + ")", how + ", named "
                + documented);
    }
}
