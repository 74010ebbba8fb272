package io.jenkins.plugins.capi.publish;

import io.jenkins.plugins.capi.vsphere.MoRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** "Keep the last N": which templates of a family go, newest first by when they were published. */
final class Retention {

    /** A template of the family: this tool published it, for the same image, in the same folder. */
    record Member(MoRef ref, String path, Instant publishedAt) {}

    private Retention() {}

    /**
     * @param justPublished never deleted, whatever the dates say
     * @param keep          how many to keep, the one just published included; 0 keeps all
     * @return the members to delete, oldest last
     */
    static List<Member> toDelete(List<Member> family, MoRef justPublished, int keep) {
        if (keep <= 0) {
            return List.of();
        }
        List<Member> others = new ArrayList<>(family.stream().filter(m -> !m.ref().equals(justPublished)).toList());
        others.sort(Comparator.comparing(Member::publishedAt, Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(m -> m.ref().value(), Comparator.reverseOrder()));
        int keepOthers = keep - 1;
        return others.size() <= keepOthers ? List.of() : List.copyOf(others.subList(keepOthers, others.size()));
    }
}
