package io.jenkins.plugins.capi.customize;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A file name or a glob ({@code scripts/*.sh}, {@code ci/**}{@code /pre-*.sh}) relative to a base folder, such as a
 * Jenkins workspace; absolute ones are taken as they are. Only the folder below the glob's literal prefix is walked,
 * and only as deep as the pattern reaches (unless it has {@code **}); linked folders are not followed.
 */
final class WorkspaceGlob {

    private WorkspaceGlob() {}

    static boolean isGlob(String pattern) {
        return pattern.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
    }

    /** The regular files {@code pattern} matches, sorted by path; for a plain name, that one path (existing or not). */
    static List<Path> expand(Path base, String pattern) throws IOException {
        Path root = Path.of(pattern).isAbsolute() ? Path.of("/") : base;
        String relative = Path.of(pattern).isAbsolute() ? pattern.substring(1) : pattern;
        if (!isGlob(relative)) {
            return List.of(root.resolve(relative).normalize());
        }
        String[] parts = relative.split("/");
        int literal = 0;
        while (literal < parts.length && !isGlob(parts[literal])) {
            literal++;
        }
        Path start = root;
        for (int i = 0; i < literal; i++) {
            start = start.resolve(parts[i]);
        }
        if (!Files.isDirectory(start)) {
            return List.of();
        }
        boolean deep = relative.contains("**");
        int depth = deep ? Integer.MAX_VALUE : parts.length - literal;
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + relative);
        List<Path> out = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(start, depth)) {
            for (Path p : walk.toList()) {
                if (Files.isRegularFile(p) && matcher.matches(root.relativize(p))) {
                    out.add(p.normalize());
                }
            }
        }
        out.sort(null);
        return out;
    }
}
