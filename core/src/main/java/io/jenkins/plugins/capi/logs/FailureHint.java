package io.jenkins.plugins.capi.logs;

/**
 * What a failed build most likely ran into, read from the tail of its log.
 *
 * @param category    short stable id, e.g. {@code ip-timeout}, {@code vcenter-login}, {@code ansible-task}
 * @param summary     one line: what happened
 * @param hint        one paragraph: what to do about it
 * @param evidence    the (masked) log line that matched, or null
 */
public record FailureHint(String category, String summary, String hint, String evidence) {}
