package io.jenkins.plugins.capi.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateNotesTest {

    @Test
    void theNotesNameTheBuildAndReadBack() {
        TemplateIdentity id = new TemplateIdentity("rocky-8", "a", "rockylinux-8", "standard", "1.30.4", "1.7.13",
                "1.3.0", "ab".repeat(32), "reg/img@sha256:" + "cd".repeat(32), "9", Instant.EPOCH,
                Map.of("jenkins.job", "images/rocky\n8"));
        Instant at = Instant.parse("2026-07-22T11:00:31Z");
        String notes = TemplateNotes.render(id, at);
        assertThat(notes).startsWith(TemplateNotes.MARKER + "\n").contains("containerd: 1.7.13", "cni: 1.3.0",
                "producer.jenkins.job: images/rocky 8").doesNotContain("\n8");
        TemplateNotes.Parsed parsed = TemplateNotes.parse(notes).orElseThrow();
        assertThat(parsed.imageName()).isEqualTo("rocky-8");
        assertThat(parsed.publishedAt()).isEqualTo(at);
    }

    @Test
    void notesWithoutTheMarkerOrAnImageAreNotOurs() {
        assertThat(TemplateNotes.parse("Built by hand\nimage_name: rocky-8")).isEmpty();
        assertThat(TemplateNotes.parse(TemplateNotes.MARKER + "\nkubernetes: 1.30.4")).isEmpty();
        assertThat(TemplateNotes.parse(null)).isEmpty();
        assertThat(TemplateNotes.parse(TemplateNotes.MARKER + "\nimage_name: x\npublished: yesterday"))
                .get().satisfies(p -> assertThat(p.publishedAt()).isNull());
    }
}
