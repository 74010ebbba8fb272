package io.jenkins.plugins.capi.jenkins.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BuildRunIdTest {

    @Test
    void theSameBuildAlwaysGetsTheSameId() {
        assertEquals(BuildRunId.of("images/rocky-8", 42), BuildRunId.of("images/rocky-8", 42));
        assertTrue(
                BuildRunId.of("images/rocky-8", 42).matches("jenkins-images-rocky-8-[0-9a-f]{8}-42"),
                BuildRunId.of("images/rocky-8", 42));
    }

    @Test
    void jobsWhoseNamesOnlyDifferInReplacedCharactersStayApart() {
        assertNotEquals(BuildRunId.of("team a/images", 1), BuildRunId.of("team-a/images", 1));
    }

    @Test
    void longAndOddNamesGiveAContainerNameSafeId() {
        String id = BuildRunId.of("Ünïcode Folder/" + "x".repeat(200) + "/Ärger", 7);
        assertTrue(id.matches("[a-z0-9][a-z0-9_.-]*"), id);
        assertTrue(id.length() < 70, id);
    }
}
