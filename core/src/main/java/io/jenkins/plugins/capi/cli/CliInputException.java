package io.jenkins.plugins.capi.cli;

/** Bad input found by a command before it did anything: exit 2 with this message. Never carries a secret. */
final class CliInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CliInputException(String message) {
        super(message);
    }
}
