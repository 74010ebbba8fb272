package io.jenkins.plugins.capi.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.model.HostConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * The uid and gid the builder image runs as: its numeric {@code User}, or the name looked up in the image's own
 * {@code /etc/passwd} (read from a created, never started container). -1 when the name is not there.
 */
record ImageUser(int uid, int gid) {

    /** A user whose uid on the host is not known: nothing is given to it, and the folder is opened for everyone. */
    static final ImageUser UNKNOWN = new ImageUser(-1, -1);
    private static final Map<String, ImageUser> BY_IMAGE_ID = new ConcurrentHashMap<>();

    boolean known() {
        return uid >= 0;
    }

    /** Cached per image id: an image's user cannot change, and the lookup costs a container create. */
    static ImageUser of(DockerClient docker, BuilderImage image) {
        return BY_IMAGE_ID.computeIfAbsent(image.id(), id -> lookUp(docker, image));
    }

    private static ImageUser lookUp(DockerClient docker, BuilderImage image) {
        String u = image.user();
        if (u == null || u.isEmpty()) {
            return new ImageUser(0, 0);
        }
        String name = u;
        String group = null;
        int colon = u.indexOf(':');
        if (colon >= 0) {
            name = u.substring(0, colon);
            group = u.substring(colon + 1);
        }
        if (name.matches("\\d+") && (group == null || group.matches("\\d+"))) {
            int uid = Integer.parseInt(name);
            return new ImageUser(uid, group == null ? uid : Integer.parseInt(group));
        }
        for (String line : readFile(docker, image, "/etc/passwd").split("\n")) {
            String[] f = line.split(":");
            if (f.length >= 4 && (f[0].equals(name) || f[2].equals(name))) {
                int gid = group != null && group.matches("\\d+") ? Integer.parseInt(group) : Integer.parseInt(f[3]);
                return new ImageUser(Integer.parseInt(f[2]), gid);
            }
        }
        return UNKNOWN;
    }

    private static String readFile(DockerClient docker, BuilderImage image, String path) {
        String id = docker.createContainerCmd(image.id()).withEntrypoint("true").withCmd()
                .withLabels(Map.of(ContainerRunner.LABEL_TOOL, ContainerRunner.TOOL, ContainerRunner.LABEL_ROLE, "inspect"))
                .withHostConfig(HostConfig.newHostConfig().withNetworkMode("none")).exec().getId();
        try (InputStream in = docker.copyArchiveFromContainerCmd(id, path).exec();
             TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            if (tar.getNextEntry() == null) {
                return "";
            }
            return new String(tar.readNBytes(1 << 20), StandardCharsets.UTF_8);
        } catch (IOException | DockerException e) {
            return "";
        } finally {
            try {
                docker.removeContainerCmd(id).withForce(true).exec();
            } catch (DockerException e) {
                // removed already
            }
        }
    }
}
