package io.jenkins.plugins.capi.airgap;

import java.util.Locale;

/**
 * How far an air-gap step has read its input. For a {@code .tgz} both counts are compressed bytes of the archive
 * (the only measure known before the end); for a tar file in an extracted folder they are bytes of that file.
 *
 * @param step    what is being done
 * @param subject the entry or file being read, e.g. {@code capi-builder-v4.6.24.tar}
 * @param done    bytes read so far
 * @param total   bytes in all, or -1 when unknown
 */
public record AirgapProgress(Step step, String subject, long done, long total) {

    public enum Step {
        /** Listing the archive before anything is loaded or extracted. */
        INSPECTING("reading"),
        /** Streaming an image into the engine. */
        LOADING("loading"),
        /** Extracting rpmrepo/, kickstart/ and output/imageconfig. */
        EXTRACTING("extracting");

        private final String verb;

        Step(String verb) {
            this.verb = verb;
        }
    }

    /** 0-100, or -1 when the total is unknown. */
    public int percent() {
        return total <= 0 ? -1 : (int) Math.min(100, done * 100 / total);
    }

    /** One readable line, e.g. {@code loading capi-builder-v4.6.24.tar: 1.2 GB of 3.9 GB read (31%)}. */
    public String message() {
        String of = total > 0 ? " of " + size(total) : "";
        String pct = total > 0 ? " (" + percent() + "%)" : "";
        return step.verb + " " + subject + ": " + size(done) + of + " read" + pct;
    }

    static String size(long bytes) {
        if (bytes >= 1_000_000_000L) {
            return String.format(Locale.ROOT, "%.1f GB", bytes / 1e9);
        }
        if (bytes >= 1_000_000L) {
            return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
        }
        return String.format(Locale.ROOT, "%.1f kB", bytes / 1e3);
    }
}
