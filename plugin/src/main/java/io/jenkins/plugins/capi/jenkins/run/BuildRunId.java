package io.jenkins.plugins.capi.jenkins.run;

import hudson.model.Run;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The container run id of one image build, used by core for the container name and labels: the Jenkins build's
 * stable id plus a part of its own for each call, because one Jenkins build may run several image builds at once
 * (parallel branches, matrix cells) on one engine, and core treats containers of the same run id as its own
 * leftovers. Every container of a Jenkins build carries a run id starting with {@link #of(Run)} and {@code -}.
 */
public final class BuildRunId {

    private static final int MAX_NAME_PART = 40;

    private BuildRunId() {}

    /**
     * A new run id for one call: {@link #of(Run)}, {@code -} and 8 random hex digits. Random rather than the
     * Pipeline step's flow node id, which main code cannot reach without a dependency on workflow-api.
     */
    public static String forCall(Run<?, ?> run) {
        return of(run) + "-"
                + String.format(Locale.ROOT, "%08x", ThreadLocalRandom.current().nextInt());
    }

    /** The part every call of {@code run} shares. */
    public static String of(Run<?, ?> run) {
        return of(run.getParent().getFullName(), run.getNumber());
    }

    /** {@code jenkins-<readable job name>-<8 hex of the full name>-<build number>}: container-name safe. */
    public static String of(String jobFullName, int buildNumber) {
        String readable = jobFullName
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9_.-]+", "-")
                .replaceAll("^[-_.]+", "")
                .replaceAll("[-_.]+$", "");
        if (readable.length() > MAX_NAME_PART) {
            readable = readable.substring(0, MAX_NAME_PART).replaceAll("[-_.]+$", "");
        }
        // The hash keeps two jobs apart whose names differ only in characters replaced above.
        return "jenkins-" + (readable.isEmpty() ? "job" : readable) + "-" + shortHash(jobFullName) + "-" + buildNumber;
    }

    private static String shortHash(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
