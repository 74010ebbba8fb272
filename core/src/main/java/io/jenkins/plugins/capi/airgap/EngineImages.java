package io.jenkins.plugins.capi.airgap;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import java.util.Optional;

/** The few image operations the air-gap steps need: look a name up, tag an image, drop a name. */
final class EngineImages {

    private EngineImages() {}

    /** The id of the image {@code reference} names, if the engine has it. */
    static Optional<String> idOf(DockerClient docker, String reference) {
        try {
            return Optional.ofNullable(docker.inspectImageCmd(reference).exec().getId());
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    /** Gives image {@code id} the name {@code reference} (moving the name if another image had it). */
    static void tag(DockerClient docker, String id, String reference) {
        String[] rt = VendorImages.repositoryAndTag(reference);
        docker.tagImageCmd(id, rt[0], rt[1]).withForce(true).exec();
    }

    /** Removes the name {@code reference} only; the image stays while it has another name. */
    static void untag(DockerClient docker, String reference) {
        try {
            docker.removeImageCmd(reference).withNoPrune(true).exec();
        } catch (NotFoundException e) {
            // not there: nothing to drop
        }
    }
}
