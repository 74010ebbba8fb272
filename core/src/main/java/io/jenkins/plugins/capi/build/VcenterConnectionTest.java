package io.jenkins.plugins.capi.build;

import io.jenkins.plugins.capi.vsphere.VcenterConnection;
import io.jenkins.plugins.capi.vsphere.VsphereException;
import io.jenkins.plugins.capi.vsphere.VsphereTimeouts;
import java.time.Duration;

/** "Test Connection": logs in to vCenter, reads what it is, logs out. */
public final class VcenterConnectionTest {

    private VcenterConnectionTest() {}

    /**
     * @return one line such as "Connected to VMware vCenter Server 8.0.2 (VirtualCenter, API 8.0.2.0) as user@vsphere.local"
     * @throws VcenterConnectionException with a message that names the server and the cause, never the password
     */
    public static String test(String server, String user, String password, BuildRequest.VsphereTls tls,
                              Duration timeout) throws VcenterConnectionException {
        try {
            return VcenterConnection.test(server, user, password, tls,
                    timeout == null ? VsphereTimeouts.DEFAULT : VsphereTimeouts.of(timeout));
        } catch (VsphereException e) {
            throw new VcenterConnectionException(e.getMessage());
        }
    }

    /** Why a connection test failed; the message is safe to show. */
    public static final class VcenterConnectionException extends Exception {
        private static final long serialVersionUID = 1L;

        public VcenterConnectionException(String message) {
            super(message);
        }
    }
}
