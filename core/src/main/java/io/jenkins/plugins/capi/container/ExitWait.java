package io.jenkins.plugins.capi.container;

import com.github.dockerjava.api.model.WaitResponse;

/** Follows {@code POST /containers/{id}/wait}: the stream ends when the container does. */
final class ExitWait extends QuietCallback<WaitResponse> {

    private volatile Integer statusCode;

    @Override
    public void onNext(WaitResponse response) {
        statusCode = response.getStatusCode();
    }

    /** The exit code the engine reported, or null before the end. */
    Integer statusCode() {
        return statusCode;
    }
}
