package io.jenkins.plugins.capi.customize;

import java.util.ArrayList;
import java.util.List;

/**
 * The custom scripts a user asked for: files or globs, relative to a base folder (the Jenkins workspace, or the
 * current folder on the command line). {@code pre} scripts run before the builder's own provisioning, {@code post}
 * scripts after it, inside the image being built.
 */
public record CustomScripts(List<String> pre, List<String> post) {

    public static final CustomScripts NONE = new CustomScripts(List.of(), List.of());

    public CustomScripts {
        pre = cleaned(pre);
        post = cleaned(post);
    }

    public boolean requested() {
        return !pre.isEmpty() || !post.isEmpty();
    }

    public List<String> patterns(ScriptPhase phase) {
        return phase == ScriptPhase.PRE ? pre : post;
    }

    private static List<String> cleaned(List<String> patterns) {
        List<String> out = new ArrayList<>();
        if (patterns != null) {
            for (String p : patterns) {
                if (p != null && !p.isBlank()) {
                    out.add(p.strip());
                }
            }
        }
        return List.copyOf(out);
    }
}
