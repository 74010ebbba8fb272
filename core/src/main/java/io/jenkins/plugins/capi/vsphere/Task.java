package io.jenkins.plugins.capi.vsphere;

import io.jenkins.plugins.capi.vsphere.VsphereException.Kind;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.w3c.dom.Element;

/** Waiting for a vCenter task ({@code …_Task} methods answer with one) by polling its {@code info}. */
final class Task {

    private static final List<String> INFO = List.of("info.state", "info.error", "info.result", "info.descriptionId");

    private Task() {}

    /**
     * Waits until the task succeeded or failed.
     *
     * @return the task's result element ({@code info.result}), empty when it has none
     * @throws VsphereException {@link Kind#FAULT} with the task's fault name and message when the task failed,
     *                          {@link Kind#TIMEOUT} when it did not end within {@code timeout}
     */
    static Optional<Element> await(VimClient client, MoRef task, String what, Duration timeout)
            throws VsphereException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long sleep = 20;
        while (true) {
            ObjectContent info = client.retrieveOne(task, INFO);
            String state = info.text("info.state").orElse("");
            switch (state) {
                case "success" -> {
                    return Optional.ofNullable(info.values().get("info.result"));
                }
                case "error" -> throw failed(client, what, info.values().get("info.error"));
                default -> {
                    if (System.nanoTime() > deadline) {
                        throw new VsphereException(Kind.TIMEOUT, client.endpoint().toString(), null, "vCenter "
                                + client.endpoint() + ": " + what + " did not finish within "
                                + SoapTransport.describe(timeout) + " (task " + task.value() + " is " + state + ")", null);
                    }
                }
            }
            try {
                Thread.sleep(sleep);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new VsphereException(Kind.NETWORK, client.endpoint().toString(), null,
                        "vCenter " + client.endpoint() + ": interrupted while waiting for " + what, e);
            }
            sleep = Math.min(500, sleep * 2);
        }
    }

    /** Starts a {@code …_Task} method and waits for it. */
    static Optional<Element> run(VimClient client, String operation, MoRef target, String argumentsXml, String what,
                                 Duration timeout) throws VsphereException {
        MoRef task = SoapXml.refOf(client.invoke(operation, target, argumentsXml));
        if (task == null) {
            throw client.transport().protocol(operation + " answered without a task");
        }
        return await(client, task, what, timeout);
    }

    /** A failed task as a fault: {@code info.error} is a LocalizedMethodFault. */
    static VsphereException failed(VimClient client, String what, Element error) {
        Element fault = SoapXml.child(error, "fault");
        String name = fault == null ? "ServerFault" : SoapXml.xsiType(fault);
        String text = error == null ? null : SoapXml.childText(error, "localizedMessage");
        return new VsphereException(Kind.FAULT, client.endpoint().toString(), name.isEmpty() ? "ServerFault" : name,
                "vCenter " + client.endpoint() + ": " + what + " failed with " + name
                        + (text == null || text.isBlank() ? "" : ": " + text), null);
    }
}
