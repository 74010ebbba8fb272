package io.jenkins.plugins.capi.container;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.PullResponseItem;
import io.jenkins.plugins.capi.Json;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * The builder image, made present on the engine: the local image if there is one, else loaded from a
 * {@code docker save} archive (air-gapped sites), else pulled.
 *
 * <p>Archives of builder 4.6.24 load as {@code localhost/<tag>:latest} rather than under the documented name; the
 * archive's own {@code manifest.json} says which names it carries, and when the requested reference is not among
 * them the loaded image is tagged with it.
 *
 * @param reference the reference the container is created from
 * @param id        local image id
 * @param digest    first repo digest, or null
 * @param user      the image's {@code User}, or "" for root
 */
public record BuilderImage(String reference, String id, String digest, String user) {

    private static final ObjectMapper JSON = Json.mapper();

    public static Optional<BuilderImage> local(DockerClient docker, String reference) {
        try {
            InspectImageResponse i = docker.inspectImageCmd(reference).exec();
            List<String> digests = i.getRepoDigests() == null ? List.of() : i.getRepoDigests();
            String user = i.getConfig() == null || i.getConfig().getUser() == null ? "" : i.getConfig().getUser();
            return Optional.of(new BuilderImage(reference, i.getId(), digests.isEmpty() ? null : digests.get(0), user));
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    static BuilderImage obtain(DockerClient docker, RunSpec spec, ContainerEvents listener)
            throws InterruptedException {
        Optional<BuilderImage> present = local(docker, spec.imageRef());
        if (present.isPresent()) {
            listener.info("Using local image " + spec.imageRef() + " (" + present.get().id() + ")");
            return present.get();
        }
        if (spec.imageArchive() != null) {
            return load(docker, spec.imageRef(), spec.imageArchive(), listener);
        }
        return pull(docker, spec.imageRef(), spec.registryAuth(), listener);
    }

    /** Refuses an image archive that cannot be loaded, before anything is changed. */
    static void checkArchive(Path archive) {
        if (archive != null && !Files.isRegularFile(archive)) {
            throw unavailable("Image archive " + archive + " does not exist or is not a file",
                    "give the path of the builder image's docker save tar");
        }
    }

    static BuilderImage load(DockerClient docker, String reference, Path archive, ContainerEvents listener) {
        checkArchive(archive);
        List<String> tags;
        try {
            tags = repoTagsOf(archive);
        } catch (IOException e) {
            throw unavailable("Cannot read image archive " + archive + ": " + e.getMessage(),
                    "give a tar written by docker save (or podman save) of the builder image");
        }
        listener.info("Loading image archive " + archive + " (" + sizeOf(archive) + ", images " + tags + ")");
        try (InputStream in = new BufferedInputStream(Files.newInputStream(archive), 1 << 16)) {
            docker.loadImageCmd(in).exec();
        } catch (IOException e) {
            throw unavailable("Cannot read image archive " + archive + ": " + e.getMessage(),
                    "give a tar written by docker save (or podman save) of the builder image");
        } catch (DockerException e) {
            throw unavailable("The engine could not load image archive " + archive + ": "
                    + EngineFailure.engineMessage(e), "give a tar written by docker save (or podman save)");
        }
        if (local(docker, reference).isEmpty()) {
            if (tags.isEmpty()) {
                throw unavailable("Image archive " + archive + " names no image, so " + reference
                        + " cannot be found in it", "give the archive of " + reference);
            }
            String loaded = tags.get(0);
            String repo = reference;
            String tag = "latest";
            int colon = reference.lastIndexOf(':');
            if (colon > reference.lastIndexOf('/')) {
                repo = reference.substring(0, colon);
                tag = reference.substring(colon + 1);
            }
            listener.info("Archive loaded as " + loaded + "; tagging it " + reference);
            docker.tagImageCmd(loaded, repo, tag).exec();
        }
        return local(docker, reference).orElseThrow(() -> unavailable(
                "After loading " + archive + " the image " + reference + " is still missing",
                "give the archive of " + reference));
    }

    static BuilderImage pull(DockerClient docker, String reference, RegistryAuth auth, ContainerEvents listener)
            throws InterruptedException {
        listener.info("Image " + reference + " is not present; pulling it");
        var cmd = docker.pullImageCmd(reference);
        if (auth != null) {
            cmd.withAuthConfig(new AuthConfig().withRegistryAddress(auth.registry()).withUsername(auth.username())
                    .withPassword(auth.password()));
        }
        PullProgress progress = new PullProgress(listener);
        try {
            cmd.exec(progress).await();
        } catch (InterruptedException e) {
            progress.closeQuietly();
            throw e;
        } catch (DockerException e) {
            throw pullFailed(reference, EngineFailure.engineMessage(e));
        }
        return local(docker, reference).orElseThrow(() -> pullFailed(reference,
                "the pull ended but the image is not present"));
    }

    private static ContainerRunException pullFailed(String reference, String why) {
        return unavailable("Cannot pull the builder image " + reference + ": " + why,
                "check the image reference and the registry credentials; where the registry cannot be reached, "
                        + "load the image from its archive (a docker save tar) instead");
    }

    private static ContainerRunException unavailable(String reason, String hint) {
        return new ContainerRunException(ContainerRunException.Kind.IMAGE_UNAVAILABLE, reason, hint);
    }

    /** Reports each layer's status change, not every byte of progress. */
    private static final class PullProgress extends QuietCallback<PullResponseItem> {
        private final ContainerEvents listener;
        private String last = "";

        PullProgress(ContainerEvents listener) {
            this.listener = listener;
        }

        @Override
        public void onNext(PullResponseItem item) {
            if (item.getErrorDetail() != null) {
                onError(new ContainerRunException(ContainerRunException.Kind.IMAGE_UNAVAILABLE,
                        "The registry refused the pull: " + item.getErrorDetail().getMessage(),
                        "check the image reference and the registry credentials"));
                return;
            }
            String status = item.getStatus();
            if (status == null || status.equals("Downloading") || status.equals("Extracting")) {
                return;
            }
            String line = "pull: " + (item.getId() == null ? "" : item.getId() + ": ") + status;
            if (!line.equals(last)) {
                last = line;
                listener.info(line);
            }
        }
    }

    static List<String> repoTagsOf(Path archive) throws IOException {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(
                new BufferedInputStream(Files.newInputStream(archive), 1 << 16))) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                if (e.getName().equals("manifest.json") || e.getName().equals("./manifest.json")) {
                    JsonNode root = JSON.readTree(tar.readNBytes((int) Math.min(e.getSize(), 1 << 20)));
                    List<String> tags = new ArrayList<>();
                    for (JsonNode image : root) {
                        for (JsonNode t : image.path("RepoTags")) {
                            tags.add(t.asText());
                        }
                    }
                    return tags;
                }
            }
        }
        throw new IOException("no manifest.json in the archive");
    }

    private static String sizeOf(Path p) {
        try {
            return String.format("%.1f MB", Files.size(p) / 1e6);
        } catch (IOException e) {
            return "size unknown";
        }
    }
}
