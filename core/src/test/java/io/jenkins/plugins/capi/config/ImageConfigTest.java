package io.jenkins.plugins.capi.config;

import io.jenkins.plugins.capi.secrets.Credential;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.capi.secrets.BuildSecrets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImageConfigTest {

    private static final String PLANTED = "Pl@nted-S3cret-9f27";

    @Test
    void secretValuesNeverShowInToString() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put(ConfigKey.IMAGE_NAME.key(), "rocky-8");
        values.put(ConfigKey.VCENTER_PASSWORD.key(), PLANTED);
        values.put(ConfigKey.RHEL_SUBSCRIPTION_PASS.key(), PLANTED + "-rhel");
        ImageConfig config = ImageConfig.of("imageconfig", values);

        assertThat(config.toString()).doesNotContain(PLANTED).contains("image_name=rocky-8", "<redacted>");
        assertThat(config.entry(ConfigKey.VCENTER_PASSWORD).orElseThrow().toString()).doesNotContain(PLANTED);
        assertThat(config.value(ConfigKey.VCENTER_PASSWORD)).contains(PLANTED);
    }

    @Test
    void emptyValueMeansUnset() {
        ImageConfig config = ImageConfig.of("imageconfig", Map.of(ConfigKey.ISO_NAME.key(), ""));
        assertThat(config.value(ConfigKey.ISO_NAME)).isEmpty();
        assertThat(config.entry(ConfigKey.ISO_NAME)).isPresent();
    }

    @Test
    void buildSecretsToStringHidesPasswords() {
        BuildSecrets s = BuildSecrets.vcenter("admin@vsphere.local", PLANTED).withRhel(Credential.of("rh", PLANTED + "r"))
                .withRegistry(Credential.of("reg", PLANTED + "g"));
        assertThat(s.toString()).doesNotContain(PLANTED).contains("admin@vsphere.local");
        assertThat(s.maskingValues()).containsExactly(PLANTED, PLANTED + "r", PLANTED + "g");
    }
}
