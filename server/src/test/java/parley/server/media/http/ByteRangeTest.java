package parley.server.media.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ByteRangeTest {
    private static ByteRange.Request parse(String header) {
        return ByteRange.parse(Optional.ofNullable(header), 1000);
    }

    @Test
    void singleRangesAreResolvedAgainstTheSize() {
        assertThat(parse(null)).isEqualTo(new ByteRange.Whole());
        assertThat(parse("bytes=0-99")).isEqualTo(new ByteRange.Part(new ByteRange(0, 99)));
        assertThat(parse("bytes=900-")).isEqualTo(new ByteRange.Part(new ByteRange(900, 999)));
        assertThat(parse("bytes=-10")).isEqualTo(new ByteRange.Part(new ByteRange(990, 999)));
        assertThat(parse("bytes=-5000")).isEqualTo(new ByteRange.Part(new ByteRange(0, 999)));
        assertThat(parse("bytes=500-5000")).isEqualTo(new ByteRange.Part(new ByteRange(500, 999)));
        assertThat(new ByteRange(10, 19).length()).isEqualTo(10);
    }

    @Test
    void severalRangesGetTheWholeFile() {
        assertThat(parse("bytes=0-1,5-6")).isEqualTo(new ByteRange.Whole());
    }

    @Test
    void malformedOrOutsideRangesAreUnsatisfiable() {
        for (String bad : new String[] {"bytes=1000-", "bytes=5-2", "bytes=abc", "items=0-1", "bytes=-0", "bytes=-",
                "bytes=99999999999999999999-"}) {
            assertThat(parse(bad)).as(bad).isEqualTo(new ByteRange.Unsatisfiable());
        }
    }
}
