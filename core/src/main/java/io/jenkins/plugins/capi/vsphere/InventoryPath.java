package io.jenkins.plugins.capi.vsphere;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Inventory paths as {@code SearchIndex.FindByInventoryPath} takes them: absolute, {@code /}-separated, each
 * element escaped the way vCenter stores names ({@code %} → {@code %25}, {@code /} → {@code %2f},
 * {@code \} → {@code %5c}). User input is split on {@code /} first, so a name containing a slash has to be
 * written with {@code %2f}; the escapes {@code %2f}, {@code %25} and {@code %5c} are kept as written.
 * Empty elements (double or trailing slashes) are dropped.
 */
public final class InventoryPath {

    public static final String ROOT = "/";
    private static final Pattern BARE_PERCENT = Pattern.compile("%(?!(?i:2f|25|5c))");

    private InventoryPath() {}

    /** One name, escaped for use as a path element. */
    public static String escapeElement(String name) {
        return BARE_PERCENT.matcher(name).replaceAll("%25").replace("\\", "%5c").replace("/", "%2f");
    }

    /** The non-empty, escaped elements of a user-written path. */
    public static List<String> elements(String userPath) {
        List<String> out = new ArrayList<>();
        if (userPath != null) {
            for (String part : userPath.split("/")) {
                String p = part.strip();
                if (!p.isEmpty()) {
                    out.add(escapeElement(p));
                }
            }
        }
        return out;
    }

    /** An absolute path from a user-written one (leading slash optional). */
    public static String absolute(String userPath) {
        return "/" + String.join("/", elements(userPath));
    }

    /** {@code base} (already absolute and escaped) followed by the user-written relative path. */
    public static String resolve(String base, String userRelative) {
        List<String> rel = elements(userRelative);
        String b = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        return rel.isEmpty() ? (b.isEmpty() ? ROOT : b) : b + "/" + String.join("/", rel);
    }

    /** Appends one already-known name (e.g. {@code image_name}) as a single element. */
    public static String child(String base, String name) {
        String b = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        return b + "/" + escapeElement(name.strip());
    }

    /** The parent of an absolute path; {@code /} for top-level paths. */
    public static String parent(String absolutePath) {
        int i = absolutePath.lastIndexOf('/');
        return i <= 0 ? ROOT : absolutePath.substring(0, i);
    }

    public static boolean isAbsolute(String userPath) {
        return userPath != null && userPath.strip().startsWith("/");
    }

    public static boolean hasSeparator(String userPath) {
        return userPath != null && userPath.strip().replaceAll("^/+|/+$", "").contains("/");
    }
}
