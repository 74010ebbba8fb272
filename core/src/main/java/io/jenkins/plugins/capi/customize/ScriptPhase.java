package io.jenkins.plugins.capi.customize;

import io.jenkins.plugins.capi.config.Setting;

/** When the builder runs a custom script: before or after its own provisioning of the image. */
public enum ScriptPhase {
    PRE("pre", Setting.PRE_SCRIPTS),
    POST("post", Setting.POST_SCRIPTS);

    /** The folder of the output folder the builder reads the scripts from. */
    public static final String FOLDER = "custom_scripts";

    private final String folder;
    private final Setting setting;

    ScriptPhase(String folder, Setting setting) {
        this.folder = folder;
        this.setting = setting;
    }

    /** {@code custom_scripts/pre} or {@code custom_scripts/post}, relative to the output folder. */
    public String relativeFolder() {
        return FOLDER + "/" + folder;
    }

    public String label() {
        return folder;
    }

    /** The setting that lists the scripts of this phase. */
    public Setting setting() {
        return setting;
    }
}
