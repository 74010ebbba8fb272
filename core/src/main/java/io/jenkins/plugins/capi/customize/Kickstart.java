package io.jenkins.plugins.capi.customize;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A kickstart file for the build VM's OS installer, read as lines (each keeping its own line end), and the one edit
 * this tool makes to it: the DHCP {@code network} line(s) the image builder's kickstarts ship with are replaced by a
 * static {@code network --bootproto=static …} line. Nothing else in the file changes.
 */
public final class Kickstart {

    /** Kickstarts are a few kilobytes; anything this large is the wrong file. */
    public static final int MAX_BYTES = 1024 * 1024;

    /** Every line an error about a kickstart lists is at most this many. */
    static final int MAX_LISTED = 10;

    /**
     * The DHCP network lines of the kickstarts the builder uses, per OS family: the upstream image-builder
     * templates and the air-gap archive's copies. RHEL 8 splits the host name onto a second line.
     */
    private static final DhcpForm ROCKY = new DhcpForm(
            "network --bootproto=dhcp --onboot=on --ipv6=auto --activate --hostname=capv.vm", null);
    private static final DhcpForm RHEL8 = new DhcpForm(
            "network --bootproto=dhcp --device=link --activate", "network --hostname=rhel8");
    private static final DhcpForm RHEL9 = new DhcpForm(
            "network --bootproto=dhcp --onboot=on --ipv6=auto --activate --hostname=rhel9", null);
    private static final Map<String, List<DhcpForm>> FORMS = Map.of(
            "rockylinux-8", List.of(ROCKY), "rockylinux-9", List.of(ROCKY),
            "rhel-8", List.of(RHEL8, RHEL9), "rhel-9", List.of(RHEL9, RHEL8));

    /** The upstream tag whose kickstarts still cover the 8.x releases (they left upstream's main branch later). */
    static final String UPSTREAM_TAG = "v0.1.49";
    private static final Map<String, String> UPSTREAM_DIR = Map.of(
            "rockylinux-8", "rockylinux/http/8", "rockylinux-9", "rockylinux/http/9",
            "rhel-8", "rhel/http/8", "rhel-9", "rhel/http/9");
    private static final Map<String, String> ARCHIVE_NAME = Map.of(
            "rockylinux-8", "ks.cfg.rocky8", "rockylinux-9", "ks.cfg.rocky9",
            "rhel-8", "ks.cfg.rhel8", "rhel-9", "ks.cfg.rhel9");

    /**
     * @param primary   the DHCP line itself
     * @param companion a separate {@code network --hostname=…} line that goes with it, or null
     */
    record DhcpForm(String primary, String companion) {}

    /** Stands in for the user's address when only the presence of the DHCP line is checked. */
    static final StaticIp.Settings PROBE = new StaticIp.Settings(new Ipv4Address(0), new Netmask(24),
            new Ipv4Address(0), List.of(), null);

    /** One line as numbered in the file (1-based), without its line end. */
    public record Line(int number, String text) {
        @Override
        public String toString() {
            return number + ": " + text;
        }
    }

    /** What {@link #rewrite} did or why it could not. */
    public sealed interface Rewrite permits Rewritten, NoDhcpLine, DhcpLineTwice, UnsupportedOs {}

    /** @param replaced the lines taken out; {@code line} the static line, at {@code replaced.get(0)}'s place */
    public record Rewritten(String text, List<Line> replaced, String line) implements Rewrite {}

    /** @param expected the documented lines; {@code networkLines} what the file has instead */
    public record NoDhcpLine(List<String> expected, List<Line> networkLines) implements Rewrite {}

    public record DhcpLineTwice(List<Line> lines) implements Rewrite {}

    public record UnsupportedOs(String osVersion) implements Rewrite {}

    private final String source;
    private final byte[] bytes;
    private final List<String> lines;
    private final List<String> ends;

    private Kickstart(String source, byte[] bytes, List<String> lines, List<String> ends) {
        this.source = source;
        this.bytes = bytes;
        this.lines = lines;
        this.ends = ends;
    }

    /**
     * @throws IOException when it cannot be read, or is larger than {@link #MAX_BYTES} (message says which)
     */
    public static Kickstart read(Path file) throws IOException {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        }
        if (bytes.length > MAX_BYTES) {
            throw new IOException("is larger than " + MAX_BYTES / 1024 + " KiB; a kickstart is a small text file");
        }
        return parse(file.toString(), bytes);
    }

    public static Kickstart parse(String source, String text) {
        return parse(source, text.getBytes(StandardCharsets.UTF_8));
    }

    private static Kickstart parse(String source, byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        List<String> lines = new ArrayList<>();
        List<String> ends = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int nl = text.indexOf('\n', start);
            if (nl < 0) {
                lines.add(text.substring(start));
                ends.add("");
                break;
            }
            int end = nl > start && text.charAt(nl - 1) == '\r' ? nl - 1 : nl;
            lines.add(text.substring(start, end));
            ends.add(text.substring(end, nl + 1));
            start = nl + 1;
        }
        return new Kickstart(source, bytes, List.copyOf(lines), List.copyOf(ends));
    }

    public String source() {
        return source;
    }

    /** The file's bytes as read, for staging it unchanged. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The file as read (line ends as they were). */
    public String text() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            b.append(lines.get(i)).append(ends.get(i));
        }
        return b.toString();
    }

    public boolean isBlank() {
        return lines.stream().allMatch(String::isBlank);
    }

    /** Every {@code network} command in the file. */
    public List<Line> networkLines() {
        List<Line> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String n = normalise(lines.get(i));
            if (n.equals("network") || n.startsWith("network ")) {
                out.add(new Line(i + 1, lines.get(i).strip()));
            }
        }
        return out;
    }

    /** The documented DHCP line(s) for {@code osVersion}, as the kickstarts the builder uses write them. */
    public static List<String> documentedDhcpLines(String osVersion) {
        List<String> out = new ArrayList<>();
        for (DhcpForm f : FORMS.getOrDefault(osVersion, List.of())) {
            out.add(f.primary());
            if (f.companion() != null) {
                out.add(f.companion());
            }
        }
        return out;
    }

    public static boolean supports(String osVersion) {
        return FORMS.containsKey(osVersion);
    }

    /** Where to download the upstream kickstart for {@code osVersion} (the file the vendor's guides fetch). */
    public static Optional<String> upstreamUrl(String osVersion) {
        String dir = UPSTREAM_DIR.get(osVersion);
        return dir == null ? Optional.empty() : Optional.of("https://raw.githubusercontent.com/kubernetes-sigs/"
                + "image-builder/" + UPSTREAM_TAG + "/images/capi/packer/ova/linux/" + dir + "/ks.cfg.tmpl");
    }

    /** The air-gap archive's kickstart for {@code osVersion}: {@code kickstart/ks.cfg.<os>} below the extracted archive. */
    public static Optional<Path> inArchive(Path extractedArchive, String osVersion) {
        String name = ARCHIVE_NAME.get(osVersion);
        return name == null ? Optional.empty() : Optional.of(extractedArchive.resolve("kickstart").resolve(name));
    }

    /**
     * Replaces the documented DHCP line with a static one. The options of the DHCP line other than
     * {@code --bootproto} and {@code --hostname} (device choice, activation) are kept after the static ones; the host
     * name is {@code settings.hostname()} or else the one the replaced lines set.
     */
    public Rewrite rewrite(String osVersion, StaticIp.Settings settings) {
        List<DhcpForm> forms = FORMS.get(osVersion);
        if (forms == null) {
            return new UnsupportedOs(osVersion);
        }
        for (DhcpForm form : forms) {
            List<Integer> at = indexesOf(form.primary());
            if (at.size() > 1) {
                return new DhcpLineTwice(at.stream().map(i -> new Line(i + 1, lines.get(i).strip())).toList());
            }
            if (at.size() == 1) {
                return replace(at.get(0), form, settings);
            }
        }
        return new NoDhcpLine(documentedDhcpLines(osVersion), networkLines());
    }

    private Rewritten replace(int index, DhcpForm form, StaticIp.Settings settings) {
        List<Line> replaced = new ArrayList<>();
        replaced.add(new Line(index + 1, lines.get(index).strip()));
        String hostname = option(form.primary(), "--hostname");
        List<Integer> companions = form.companion() == null ? List.of() : indexesOf(form.companion());
        for (int c : companions) {
            replaced.add(new Line(c + 1, lines.get(c).strip()));
            hostname = option(form.companion(), "--hostname");
        }
        if (settings.hostname() != null) {
            hostname = settings.hostname();
        }
        StringBuilder line = new StringBuilder("network ").append(settings.staticOptions());
        for (String token : form.primary().split(" ")) {
            if (token.startsWith("--") && !token.startsWith("--bootproto=") && !token.startsWith("--hostname=")) {
                line.append(' ').append(token);
            }
        }
        if (hostname != null) {
            line.append(" --hostname=").append(hostname);
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            if (i == index) {
                text.append(line).append(ends.get(i));
            } else if (!companions.contains(i)) {
                text.append(lines.get(i)).append(ends.get(i));
            }
        }
        return new Rewritten(text.toString(), List.copyOf(replaced), line.toString());
    }

    private List<Integer> indexesOf(String documented) {
        List<Integer> at = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (normalise(lines.get(i)).equals(documented)) {
                at.add(i);
            }
        }
        return at;
    }

    private static String option(String line, String name) {
        for (String token : line.split(" ")) {
            if (token.startsWith(name + "=")) {
                return token.substring(name.length() + 1);
            }
        }
        return null;
    }

    /** Leading and trailing blanks dropped, inner runs of blanks as one space: how the installer tokenises a line. */
    private static String normalise(String line) {
        return line.strip().replaceAll("[ \\t]+", " ");
    }
}
