package io.jenkins.plugins.capi.container;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EngineHostTest {

    @ParameterizedTest
    @ValueSource(strings = {"unix:///var/run/docker.sock", "unix:///run/podman/podman.sock", "tcp://10.0.0.5:2376",
        "tcp://docker.example.com:2375"})
    void acceptsWhatTheTransportHandles(String host) {
        assertThat(EngineHost.problem(host)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ssh://builder@docker.example.com", "npipe:////./pipe/docker_engine", "docker.example.com:2376",
        "unix://relative.sock", "tcp://docker.example.com", "http://docker.example.com:2375"})
    void refusesTheRestSayingWhatWorks(String host) {
        assertThat(EngineHost.problem(host)).get().asString().containsAnyOf("unix:///", "tcp://docker.example.com:2376");
    }
}
