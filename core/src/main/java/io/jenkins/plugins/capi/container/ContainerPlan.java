package io.jenkins.plugins.capi.container;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Exactly what {@link ContainerRunner#run} would do, without doing it: the container specification (environment
 * variable names only, never values) and the files it would prepare in the output folder.
 *
 * @param imageSource how the image would be obtained: "local (sha256:…)", "load from …", "pull"
 * @param command     the command the container runs instead of the image's start-up; empty for none
 */
public record ContainerPlan(
        String containerName,
        String image,
        String imageSource,
        String networkMode,
        String user,
        List<String> command,
        List<Mount> mounts,
        List<String> envNames,
        Map<String, String> labels,
        List<PreparedFile> preparedFiles) {

    public record Mount(String hostPath, String containerPath, boolean readOnly) {}

    /** A file or folder the runner creates or changes; {@code action} says what and when. */
    public record PreparedFile(String path, String action) {}

    /** Readable lines, e.g. for {@code capi-image-build plan}. */
    public List<String> describe() {
        List<String> out = new ArrayList<>();
        out.add("container name: " + containerName);
        out.add("image:          " + image + " (" + imageSource + ")");
        out.add("network:        " + networkMode);
        out.add("user:           " + user + " (from the image)");
        out.add("command:        " + (command.isEmpty() ? "none (the image's entrypoint starts the build)"
                : String.join(" ", command) + " (instead of the image's start-up; the build runs as execs)"));
        for (Mount m : mounts) {
            out.add("mount:          " + m.hostPath() + " -> " + m.containerPath() + (m.readOnly() ? " (read-only)" : " (read-write)"));
        }
        out.add("environment:    " + (envNames.isEmpty() ? "none" : String.join(", ", envNames)));
        labels.forEach((k, v) -> out.add("label:          " + k + "=" + v));
        for (PreparedFile f : preparedFiles) {
            out.add("prepare:        " + f.path() + ": " + f.action());
        }
        return out;
    }
}
