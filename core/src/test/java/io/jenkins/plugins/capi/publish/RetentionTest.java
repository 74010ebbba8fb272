package io.jenkins.plugins.capi.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.capi.vsphere.MoRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class RetentionTest {

    static Retention.Member m(int id, long epoch) {
        return new Retention.Member(new MoRef("VirtualMachine", "vm-" + id), "/DC0/vm/T/t-" + id,
                Instant.ofEpochSecond(epoch));
    }

    @Test
    void keepTwoDeletesAllButTheNewestOtherOne() {
        List<Retention.Member> family = List.of(m(1, 100), m(2, 200), m(3, 300), m(4, 50));
        assertThat(Retention.toDelete(family, m(3, 300).ref(), 2)).extracting(Retention.Member::path)
                .containsExactly("/DC0/vm/T/t-1", "/DC0/vm/T/t-4");
        assertThat(Retention.toDelete(family, m(3, 300).ref(), 0)).isEmpty();
        assertThat(Retention.toDelete(family, m(3, 300).ref(), 1)).hasSize(3);
    }

    @Property
    void theOneJustPublishedIsNeverDeletedAndExactlyKeepSurvive(
            @ForAll @Size(max = 12) List<@IntRange(min = 0, max = 1000) Integer> ages,
            @ForAll @IntRange(min = 1, max = 6) int keep, @ForAll @IntRange(min = 0, max = 2000) int newAge) {
        List<Retention.Member> family = new ArrayList<>();
        for (int i = 0; i < ages.size(); i++) {
            family.add(m(i, ages.get(i)));
        }
        Retention.Member fresh = m(9999, newAge);
        family.add(fresh);
        List<Retention.Member> gone = Retention.toDelete(family, fresh.ref(), keep);
        assertThat(gone).doesNotContain(fresh);
        assertThat(family.size() - gone.size()).isEqualTo(Math.min(keep, family.size()));
        List<Retention.Member> kept = new ArrayList<>(family);
        kept.removeAll(gone);
        kept.remove(fresh);
        if (!gone.isEmpty() && !kept.isEmpty()) {
            Instant oldestKept = kept.stream().map(Retention.Member::publishedAt).min(Comparator.naturalOrder()).orElseThrow();
            assertThat(gone).allSatisfy(g -> assertThat(g.publishedAt()).isBeforeOrEqualTo(oldestKept));
        }
    }
}
