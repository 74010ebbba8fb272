package io.jenkins.plugins.capi.airgap;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the parts of the vendor's air-gap archive are, by entry name: {@code capi-builder-<tag>.tar},
 * {@code yum-repo-<tag>.tar}, {@code rpmrepo/}, {@code kickstart/}, {@code output/imageconfig} (and a
 * {@code README}), at the top or inside one top folder. The same names apply to the folder the archive was
 * extracted into.
 */
final class ArchiveLayout {

    enum Part { BUILDER_IMAGE, YUM_IMAGE, RPM_REPO, KICKSTART, IMAGE_CONFIG, OTHER }

    /**
     * One entry: which part it belongs to and, for {@code rpmrepo/} and {@code kickstart/}, its path inside that
     * folder ({@code ""} for the folder itself); for the image tars, the tag in the name.
     */
    record Entry(Part part, String path, String tag) {}

    static final String RPM_REPO = "rpmrepo";
    static final String KICKSTART = "kickstart";
    static final String OUTPUT = "output";
    static final String IMAGE_CONFIG = "imageconfig";
    static final Pattern BUILDER_TAR = Pattern.compile("capi-builder-(v?\\d+\\.\\d+\\.\\d+)\\.tar");
    static final Pattern YUM_TAR = Pattern.compile("yum-repo-(v?\\d+(?:\\.\\d+)*)\\.tar");
    /** The archive's own name, {@code capi-image-builder-<tag>.tgz}. */
    static final Pattern ARCHIVE_NAME = Pattern.compile("capi-image-builder-(v?\\d+\\.\\d+\\.\\d+)\\.(?:tgz|tar\\.gz)");

    private ArchiveLayout() {}

    /**
     * Classifies an entry name as tar writes it ({@code ./rpmrepo/x.rpm}, {@code rpmrepo/}, {@code top/rpmrepo/x.rpm}).
     *
     * @throws AirgapException for absolute names or names with {@code ..}, which would land outside the folder
     */
    static Entry classify(String entryName) {
        List<String> segments = segments(entryName);
        Entry e = classify(segments, 0);
        if (e.part() == Part.OTHER && segments.size() > 1) {
            e = classify(segments, 1);
        }
        return e;
    }

    private static Entry classify(List<String> s, int from) {
        if (s.size() <= from) {
            return new Entry(Part.OTHER, "", null);
        }
        String first = s.get(from);
        List<String> rest = s.subList(from + 1, s.size());
        if (first.equals(RPM_REPO)) {
            return new Entry(Part.RPM_REPO, String.join("/", rest), null);
        }
        if (first.equals(KICKSTART)) {
            return new Entry(Part.KICKSTART, String.join("/", rest), null);
        }
        if (first.equals(OUTPUT) && rest.equals(List.of(IMAGE_CONFIG))) {
            return new Entry(Part.IMAGE_CONFIG, IMAGE_CONFIG, null);
        }
        if (rest.isEmpty()) {
            Matcher b = BUILDER_TAR.matcher(first);
            if (b.matches()) {
                return new Entry(Part.BUILDER_IMAGE, first, b.group(1));
            }
            Matcher y = YUM_TAR.matcher(first);
            if (y.matches()) {
                return new Entry(Part.YUM_IMAGE, first, y.group(1));
            }
        }
        return new Entry(Part.OTHER, "", null);
    }

    private static List<String> segments(String entryName) {
        if (entryName.startsWith("/") || entryName.contains("\\")) {
            throw new AirgapException("archive entry " + entryName + " has an absolute or Windows path; refusing the archive");
        }
        List<String> out = new java.util.ArrayList<>();
        for (String s : entryName.split("/")) {
            if (s.isEmpty() || s.equals(".")) {
                continue;
            }
            if (s.equals("..")) {
                throw new AirgapException("archive entry " + entryName + " points outside the archive's folder (..); "
                        + "refusing the archive");
            }
            out.add(s);
        }
        return out;
    }

    /** The tag in {@code capi-image-builder-<tag>.tgz}, if the archive still has the vendor's name. */
    static Optional<String> archiveTag(String fileName) {
        Matcher m = ARCHIVE_NAME.matcher(fileName);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** The kickstart file the vendor ships for an {@code os_version}: {@code rockylinux-8} → {@code ks.cfg.rocky8}. */
    static Optional<String> kickstartFor(String osVersion) {
        Matcher m = Pattern.compile("(rhel|rockylinux)-(\\d+)").matcher(osVersion == null ? "" : osVersion);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of("ks.cfg." + (m.group(1).equals("rhel") ? "rhel" : "rocky") + m.group(2));
    }
}
