package io.jenkins.plugins.capi.customize;

/** When the builder runs a custom script: before or after its own provisioning of the image. */
public enum ScriptPhase {
    PRE("pre", CustomizationOption.PRE_SCRIPT),
    POST("post", CustomizationOption.POST_SCRIPT);

    /** The folder of the output folder the builder reads the scripts from. */
    public static final String FOLDER = "custom_scripts";

    private final String folder;
    private final CustomizationOption option;

    ScriptPhase(String folder, CustomizationOption option) {
        this.folder = folder;
        this.option = option;
    }

    /** {@code custom_scripts/pre} or {@code custom_scripts/post}, relative to the output folder. */
    public String relativeFolder() {
        return FOLDER + "/" + folder;
    }

    public String label() {
        return folder;
    }

    public CustomizationOption option() {
        return option;
    }
}
