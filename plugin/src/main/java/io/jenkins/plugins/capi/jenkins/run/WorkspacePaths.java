package io.jenkins.plugins.capi.jenkins.run;

import java.util.Optional;

/** Rules for paths the user gives relative to the workspace (the output folder is archived from there). */
public final class WorkspacePaths {

    private WorkspacePaths() {}

    /** Why {@code path} is not a plain relative path inside the workspace, or empty when it is. */
    public static Optional<String> problemWithRelativePath(String path) {
        String p = path.replace('\\', '/');
        if (p.startsWith("/") || p.matches("^[A-Za-z]:.*")) {
            return Optional.of("must be relative to the workspace, not absolute: " + path);
        }
        for (String segment : p.split("/")) {
            if (segment.equals("..")) {
                return Optional.of("must stay inside the workspace (no '..'): " + path);
            }
        }
        return Optional.empty();
    }

    /** {@code path} with forward slashes and without a leading {@code ./} or trailing slash. */
    public static String normalise(String path) {
        String p = path.trim().replace('\\', '/');
        while (p.startsWith("./")) {
            p = p.substring(2);
        }
        while (p.endsWith("/") && p.length() > 1) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }
}
