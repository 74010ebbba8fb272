package io.jenkins.plugins.capi.cli;

import io.jenkins.plugins.capi.secrets.BuildSecrets;
import io.jenkins.plugins.capi.secrets.Credential;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Credentials, never from the command line itself (it shows in process lists): the environment, and a password
 * file for vCenter. The same on every command that needs them.
 */
final class CredentialOptions {

    static final String VCENTER_USER = "VCENTER_USER";
    static final String VCENTER_PASSWORD = "VCENTER_PASSWORD";
    static final String RHEL_USER = "RHEL_USER";
    static final String RHEL_PASSWORD = "RHEL_PASSWORD";
    static final String REGISTRY_USER = "REGISTRY_USER";
    static final String REGISTRY_PASSWORD = "REGISTRY_PASSWORD";

    /** What the CLI's users change for a finding about supplied credentials. */
    static final String VCENTER_WORDS = "VCENTER_USER and VCENTER_PASSWORD, or --vcenter-password-file";
    static final String RHEL_WORDS = "RHEL_USER and RHEL_PASSWORD";

    @Option(names = "--vcenter-user", paramLabel = "USER", description = "vCenter user; default: $VCENTER_USER.")
    String vcenterUser;

    @Option(names = "--vcenter-password-file", paramLabel = "FILE",
            description = "File holding the vCenter password (one line); default: $VCENTER_PASSWORD.")
    Path passwordFile;

    /**
     * The supplied credentials: vCenter from the options or VCENTER_USER/VCENTER_PASSWORD, RHEL from
     * RHEL_USER/RHEL_PASSWORD, the registry from REGISTRY_USER/REGISTRY_PASSWORD.
     *
     * @throws CliInputException when the password file cannot be read (the message names the file and why)
     */
    BuildSecrets secrets(Map<String, String> env) {
        String password = env.get(VCENTER_PASSWORD);
        if (passwordFile != null) {
            password = readPassword(passwordFile);
        }
        String user = vcenterUser != null ? vcenterUser : env.get(VCENTER_USER);
        return new BuildSecrets(Credential.of(user, password),
                Credential.of(env.get(RHEL_USER), env.get(RHEL_PASSWORD)),
                Credential.of(env.get(REGISTRY_USER), env.get(REGISTRY_PASSWORD)));
    }

    private static String readPassword(Path file) {
        String where = "--vcenter-password-file " + file;
        if (Files.isDirectory(file)) {
            throw new CliInputException(where + ": is a folder; give the file that holds the password");
        }
        if (!Files.exists(file)) {
            throw new CliInputException(where + ": the file does not exist");
        }
        try {
            if (Files.size(file) > 4096) {
                throw new CliInputException(where + ": the file is larger than a password file (4 KiB)");
            }
            String password = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (password.isEmpty()) {
                throw new CliInputException(where + ": the file is empty");
            }
            return password;
        } catch (AccessDeniedException e) {
            throw new CliInputException(where + ": cannot be read (permission denied)");
        } catch (IOException e) {
            throw new CliInputException(where + ": cannot be read (not a text file)");
        }
    }
}
