package io.jenkins.plugins.capi.logs;

import java.time.Duration;

/**
 * A step forward in the build (or, for a heartbeat, the lack of one).
 *
 * @param phase     the phase the build is in
 * @param elapsed   time since the container started
 * @param role      current Ansible role, or null
 * @param tasksSeen Ansible tasks seen so far
 * @param message   one readable line, e.g. "provisioning with Ansible: containerd (task 42)"
 * @param heartbeat true when nothing was logged for a while and this only says we are still waiting
 * @param silentFor for a heartbeat, how long the log has been silent; otherwise {@link Duration#ZERO}
 */
public record ProgressEvent(Phase phase, Duration elapsed, String role, int tasksSeen, String message,
                            boolean heartbeat, Duration silentFor) {}
