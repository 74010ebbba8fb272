package io.jenkins.plugins.capi.logs;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Replaces every secret value, and the encodings a tool might print it in, with {@value #MASK}.
 *
 * <p>Forms masked: the raw value; URL-encoded ({@code +} and {@code %20} for spaces, upper and lower hex);
 * Base64 (standard and URL-safe, padded or not, and the alignment-independent core of the value inside a longer
 * Base64 text such as {@code user:password}); JSON-escaped; shell-quoted ({@code '\''} and backslash forms).
 * Values shorter than {@value #MIN_SECRET_LENGTH} characters are not masked: they would blank out ordinary text
 * and hide nothing (the credentials-binding plugin draws the same line). All occurrences of all forms are found,
 * including overlapping ones and secrets that contain or overlap other secrets, and the union of their spans is
 * masked, so no fragment of a longer secret survives because a shorter one matched first.
 */
public final class SecretMasker {

    public static final String MASK = "****";
    public static final int MIN_SECRET_LENGTH = 3;

    private static final SecretMasker NONE = new SecretMasker(List.of());

    private final String[] needles;
    private final int longest;
    /** Wu-Manber search over two-character blocks: the shortest needle's length is the window. */
    private final int window;
    private final int[] shift;
    private final String[][] endingWith;

    private SecretMasker(List<String> needles) {
        this.needles = needles.toArray(String[]::new);
        this.longest = needles.stream().mapToInt(String::length).max().orElse(0);
        this.window = needles.stream().mapToInt(String::length).min().orElse(0);
        if (needles.isEmpty()) {
            shift = null;
            endingWith = null;
            return;
        }
        shift = new int[1 << 16];
        java.util.Arrays.fill(shift, window - 1);
        endingWith = new String[1 << 16][];
        for (String n : this.needles) {
            for (int j = 0; j + 1 < window; j++) {
                int key = block(n.charAt(j), n.charAt(j + 1));
                shift[key] = Math.min(shift[key], window - 2 - j);
            }
            int end = block(n.charAt(window - 2), n.charAt(window - 1));
            String[] old = endingWith[end];
            String[] grown = old == null ? new String[1] : java.util.Arrays.copyOf(old, old.length + 1);
            grown[grown.length - 1] = n;
            endingWith[end] = grown;
        }
    }

    /** Two characters folded to 16 bits; collisions only shorten shifts and add verified candidates. */
    private static int block(char a, char b) {
        return ((a & 0xFF) << 8) | (b & 0xFF);
    }

    public static SecretMasker none() {
        return NONE;
    }

    public static SecretMasker of(Collection<String> secrets) {
        Set<String> forms = new LinkedHashSet<>();
        for (String secret : secrets) {
            if (secret == null || secret.length() < MIN_SECRET_LENGTH) {
                continue;
            }
            forms.addAll(encodingsOf(secret));
        }
        List<String> sorted = new ArrayList<>();
        for (String f : forms) {
            if (f.length() >= MIN_SECRET_LENGTH) {
                sorted.add(f);
            }
        }
        sorted.sort(Comparator.comparingInt(String::length).reversed());
        return new SecretMasker(sorted);
    }

    /** How many characters a masked form may span; a line buffer needs this much slack so a cut cannot split one. */
    public int longestForm() {
        return longest;
    }

    /** How many distinct forms (values and encodings) are searched for. */
    public int formCount() {
        return needles.length;
    }

    public boolean isEmpty() {
        return needles.length == 0;
    }

    public String mask(String line) {
        int n = line.length();
        if (needles.length == 0 || n < window) {
            return line;
        }
        // Slide a window of the shortest needle's length; where its last two characters could end a needle's
        // first `window` characters, verify every such needle. All hits are marked, so overlapping and nested
        // secrets are covered by the union of their spans.
        boolean[] covered = null;
        int pos = window - 1;
        while (pos < n) {
            int key = block(line.charAt(pos - 1), line.charAt(pos));
            int s = shift[key];
            if (s > 0) {
                pos += s;
                continue;
            }
            int start = pos - window + 1;
            for (String c : endingWith[key]) {
                if (line.startsWith(c, start)) {
                    if (covered == null) {
                        covered = new boolean[n];
                    }
                    java.util.Arrays.fill(covered, start, start + c.length(), true);
                }
            }
            pos++;
        }
        if (covered == null) {
            return line;
        }
        StringBuilder out = new StringBuilder(n);
        int i = 0;
        while (i < n) {
            if (covered[i]) {
                out.append(MASK);
                while (i < n && covered[i]) {
                    i++;
                }
            } else {
                out.append(line.charAt(i++));
            }
        }
        return out.toString();
    }

    static Set<String> encodingsOf(String secret) {
        Set<String> forms = new LinkedHashSet<>();
        forms.add(secret);
        String url = URLEncoder.encode(secret, StandardCharsets.UTF_8);
        forms.add(url);
        forms.add(url.replace("+", "%20"));
        forms.add(lowerHexEscapes(url));
        forms.add(lowerHexEscapes(url.replace("+", "%20")));
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        forms.add(Base64.getEncoder().encodeToString(bytes));
        forms.add(Base64.getEncoder().withoutPadding().encodeToString(bytes));
        forms.add(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
        forms.addAll(base64Cores(bytes));
        forms.add(jsonEscaped(secret, false));
        forms.add(jsonEscaped(secret, true));
        forms.add(jsonEscaped(secret, false).replace("/", "\\/"));
        forms.add(secret.replace("'", "'\\''"));
        forms.add(secret.replace("'", "'\"'\"'"));
        forms.add(backslashEscaped(secret));
        return forms;
    }

    /** The Base64 characters that depend only on the secret, for each of the three byte alignments. */
    private static List<String> base64Cores(byte[] bytes) {
        List<String> cores = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            byte[] shifted = new byte[k + bytes.length];
            System.arraycopy(bytes, 0, shifted, k, bytes.length);
            String enc = Base64.getEncoder().withoutPadding().encodeToString(shifted);
            int start = (k * 8 + 5) / 6;
            int end = (shifted.length * 8) / 6;
            if (end - start >= 4) {
                cores.add(enc.substring(start, end));
                cores.add(enc.substring(start, end).replace('+', '-').replace('/', '_'));
            }
        }
        return cores;
    }

    private static String lowerHexEscapes(String url) {
        StringBuilder sb = new StringBuilder(url.length());
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c == '%' && i + 2 < url.length()) {
                sb.append('%').append(Character.toLowerCase(url.charAt(i + 1)))
                        .append(Character.toLowerCase(url.charAt(i + 2)));
                i += 2;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static String jsonEscaped(String s, boolean asciiOnly) {
        StringBuilder sb = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20 || (asciiOnly && c > 0x7e)) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }

    private static String backslashEscaped(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '/' || c == '-' || c == '@' || c == ':')) {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.toString();
    }
}
