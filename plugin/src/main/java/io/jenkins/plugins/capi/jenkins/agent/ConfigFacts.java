package io.jenkins.plugins.capi.jenkins.agent;

import java.io.Serializable;

/**
 * What the controller needs to know from the imageconfig before the build: whether it can be read, and where vCenter
 * is (for the credentials domain). Holds no value of the file beyond the server: the agent masks the file's secrets
 * itself, so none of them needs to cross to the controller.
 *
 * @param path          the absolute path on the agent
 * @param problem       why the file cannot be read (core's message, naming the file), or null when it can
 * @param vcenterServer {@code vcenter_server} after overrides, or null when unset or a placeholder
 */
public record ConfigFacts(String path, String problem, String vcenterServer) implements Serializable {

    private static final long serialVersionUID = 2L;
}
