package io.jenkins.plugins.capi.customize;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.capi.config.Finding;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BashScriptTest {

    @TempDir
    Path dir;

    private List<Finding> check(String name, String content) throws IOException {
        Path f = dir.resolve(name);
        Files.write(f, content.getBytes(StandardCharsets.UTF_8));
        return BashScript.inspect(f).findings();
    }

    @Test
    void bashShebangsInTheirUsualFormsPass() throws IOException {
        for (String shebang : List.of("#!/bin/bash", "#!/usr/bin/bash", "#!/usr/bin/env bash", "#! /bin/bash",
                "#!/bin/bash -eu", "#!/usr/bin/env -S bash -e", "#!/bin/env bash")) {
            assertThat(check("ok.sh", shebang + "\necho hi\n")).as(shebang).isEmpty();
        }
    }

    @Test
    void aPosixShOrMissingShebangIsAnErrorAtLineOne() throws IOException {
        assertThat(check("sh.sh", "#!/bin/sh\necho hi\n")).singleElement().satisfies(f -> {
            assertThat(f.location().toString()).endsWith("sh.sh:1:1");
            assertThat(f.message()).contains("starts #!/bin/sh instead of Bash");
            assertThat(f.hint()).isEqualTo("make its first line #!/bin/bash");
        });
        assertThat(check("none.sh", "echo hi\n")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("has no '#!' line"));
        // the hint, applied
        assertThat(check("sh.sh", "#!/bin/bash\necho hi\n")).isEmpty();
    }

    @Test
    void crlfLineEndsAreAnErrorAtTheFirstSuchLineSayingWhyTheyBreakBash() throws IOException {
        assertThat(check("win.sh", "#!/bin/bash\necho one\r\necho two\r\n")).singleElement().satisfies(f -> {
            assertThat(f.location().line()).isEqualTo(2);
            assertThat(f.message()).contains("Windows (CRLF) line ends on 2 lines")
                    .contains("Bash in the image reads the CR as part of each command");
            assertThat(f.hint()).contains("sed -i 's/\\r$//' win.sh").contains("eol=lf");
        });
        assertThat(check("win.sh", "#!/bin/bash\r\necho one\r\n")).singleElement()
                .satisfies(f -> assertThat(f.location().line()).isEqualTo(1));
    }

    @Test
    void theHintForCrlfWorksWhenApplied() throws Exception {
        Path f = dir.resolve("fix.sh");
        Files.writeString(f, "#!/bin/bash\r\necho one\r\n");
        assertThat(BashScript.inspect(f).findings()).hasSize(1);
        Process p = new ProcessBuilder("sed", "-i", "s/\\r$//", "fix.sh").directory(dir.toFile()).start();
        assertThat(p.waitFor()).isZero();
        assertThat(BashScript.inspect(f).findings()).isEmpty();
    }

    @Test
    void emptyBinaryBomAndWrongNamesAreRefused() throws IOException {
        assertThat(check("empty.sh", "")).singleElement().satisfies(f -> assertThat(f.message()).contains("is empty"));
        assertThat(check("blank.sh", "  \n\n")).singleElement().satisfies(f -> assertThat(f.message()).contains("is empty"));
        assertThat(check("bin.sh", "#!/bin/bash\n\0\0")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("NUL bytes"));
        assertThat(check("bom.sh", "\uFEFF#!/bin/bash\necho\n")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("byte-order mark"));
        assertThat(check("setup.bash", "#!/bin/bash\necho\n")).singleElement().satisfies(f -> {
            assertThat(f.message()).contains("is not a .sh file");
            assertThat(f.hint()).isEqualTo("rename it to setup.sh");
        });
        Files.move(dir.resolve("setup.bash"), dir.resolve("setup.sh"));
        assertThat(BashScript.inspect(dir.resolve("setup.sh")).findings()).isEmpty();
    }

    @Test
    void aFolderIsNotAScriptAndNothingIsRead() throws IOException {
        Files.createDirectories(dir.resolve("d.sh"));
        BashScript.Inspection i = BashScript.inspect(dir.resolve("d.sh"));
        assertThat(i.content()).isNull();
        assertThat(i.findings()).singleElement().satisfies(f -> assertThat(f.message()).contains("not a regular file"));
    }

    @Test
    void theCheckedBytesAreTheOnesKept() throws IOException {
        Path f = dir.resolve("a.sh");
        Files.writeString(f, "#!/bin/bash\necho a\n");
        BashScript.Inspection i = BashScript.inspect(f);
        assertThat(i.ok()).isTrue();
        assertThat(new String(i.content(), StandardCharsets.UTF_8)).isEqualTo("#!/bin/bash\necho a\n");
    }
}
