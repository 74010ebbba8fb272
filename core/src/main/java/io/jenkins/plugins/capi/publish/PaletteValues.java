package io.jenkins.plugins.capi.publish;

import io.jenkins.plugins.capi.metadata.TemplateMetadata.Palette;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The values of Palette's BYOOS pack for a published template, from its path and {@code os_version}. */
final class PaletteValues {

    /** {@code rockylinux-8}, {@code rhel-9}, {@code ubuntu-2204} (→ 22.04). */
    private static final Pattern OS = Pattern.compile("([a-z]+)-(\\d+)(?:-.*)?");

    private PaletteValues() {}

    static Palette of(String inventoryPath, TemplateIdentity id) {
        String name = null;
        String version = null;
        if (id.osVersion() != null) {
            Matcher m = OS.matcher(id.osVersion().strip().toLowerCase(java.util.Locale.ROOT));
            if (m.matches()) {
                name = m.group(1);
                version = "ubuntu".equals(name) && m.group(2).length() == 4
                        ? m.group(2).substring(0, 2) + "." + m.group(2).substring(2) : m.group(2);
            }
        }
        return new Palette(inventoryPath, name, version, id.kubernetesVersion());
    }
}
