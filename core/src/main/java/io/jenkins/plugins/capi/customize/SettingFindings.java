package io.jenkins.plugins.capi.customize;

import io.jenkins.plugins.capi.config.Finding;
import io.jenkins.plugins.capi.config.Setting;
import io.jenkins.plugins.capi.config.Severity;
import io.jenkins.plugins.capi.config.SourceLocation;

/**
 * Findings about a customisation setting itself (not a file): placed at the setting and marked with it, so each front
 * end shows its own name for it (an option on the command line, a parameter in Jenkins). Messages use plain words.
 */
final class SettingFindings {

    private SettingFindings() {}

    static Finding error(Setting setting, String message, String hint) {
        return Finding.error(SourceLocation.of(setting.label()), message, hint).about(setting);
    }

    static Finding warning(Setting setting, String message, String hint) {
        return Finding.warning(SourceLocation.of(setting.label()), message, hint).about(setting);
    }

    static Finding info(Setting setting, String message) {
        return new Finding(Severity.INFO, null, SourceLocation.of(setting.label()), message, null).about(setting);
    }
}
