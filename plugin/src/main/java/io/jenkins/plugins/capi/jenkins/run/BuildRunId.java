package io.jenkins.plugins.capi.jenkins.run;

import hudson.model.Run;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The stable id of one Jenkins build, used by core for the container name and labels. The same build always
 * gets the same id, so a second call after an abort (or an admin) can find its container.
 */
public final class BuildRunId {

    private static final int MAX_NAME_PART = 40;

    private BuildRunId() {}

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
