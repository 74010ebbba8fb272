package io.jenkins.plugins.capi.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineSplitterTest {

    @Test
    void joinsChunksIntoLinesAndKeepsSplitUtf8Characters() {
        List<LineSplitter.Line> lines = new ArrayList<>();
        LineSplitter s = new LineSplitter(100, lines::add);
        byte[] all = "==> vsphere: Grüße\r\nsecond\nthird".getBytes(StandardCharsets.UTF_8);
        for (byte b : all) {
            s.accept(new byte[] {b});
        }
        s.flush();
        assertThat(lines).extracting(LineSplitter.Line::text).containsExactly("==> vsphere: Grüße", "second", "third");
    }

    @Test
    void anOverlongLineKeepsItsStartAndCountsTheRest() {
        List<LineSplitter.Line> lines = new ArrayList<>();
        LineSplitter s = new LineSplitter(10, lines::add);
        s.accept("0123456789abcdefghij\nok\n".getBytes(StandardCharsets.UTF_8));
        assertThat(lines).containsExactly(new LineSplitter.Line("0123456789", 10), new LineSplitter.Line("ok", 0));
    }
}
