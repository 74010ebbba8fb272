package io.jenkins.plugins.capi.publish;

/** Told about every step of every target; called from the targets' threads, so it must be thread-safe. */
@FunctionalInterface
public interface PublishListener {

    PublishListener NONE = p -> { };

    void progress(PublishProgress progress);
}
