package io.jenkins.plugins.capi.jenkins.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.model.FreeStyleBuild;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

@WithJenkins
class BuildRunIdTest {

    @Test
    void theSameBuildAlwaysGetsTheSameId() {
        assertEquals(BuildRunId.of("images/rocky-8", 42), BuildRunId.of("images/rocky-8", 42));
        assertTrue(
                BuildRunId.of("images/rocky-8", 42).matches("jenkins-images-rocky-8-[0-9a-f]{8}-42"),
                BuildRunId.of("images/rocky-8", 42));
    }

    /** Every call gets its own id below the build's, so parallel calls never share containers. */
    @Test
    void everyCallOfABuildGetsItsOwnIdBelowTheBuilds(JenkinsRule r) throws Exception {
        FreeStyleBuild b = r.buildAndAssertSuccess(r.createFreeStyleProject("images"));
        String first = BuildRunId.forCall(b);
        String second = BuildRunId.forCall(b);
        assertNotEquals(first, second);
        for (String id : List.of(first, second)) {
            assertTrue(id.matches(Pattern.quote(BuildRunId.of(b)) + "-[0-9a-f]{8}"), id);
        }
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
