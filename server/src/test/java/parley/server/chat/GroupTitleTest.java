package parley.server.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import parley.protocol.ErrorCode;
import parley.protocol.ProtocolException;

/** A group title: trimmed, 1 to 100 characters counted as code points. */
class GroupTitleTest {

    @Test
    void aTitleIsTrimmed() {
        assertThat(GroupService.title("  Climbing trip \n")).isEqualTo("Climbing trip");
    }

    @Test
    void aHundredCharactersFitEvenWhenEachIsTwoJavaChars() {
        String hundredEmoji = "🧗".repeat(100);
        assertThat(GroupService.title(hundredEmoji)).isEqualTo(hundredEmoji);
    }

    @Test
    void anEmptyOrOverLongTitleIsRefusedWithInvalidTitle() {
        for (String bad : new String[] {"", "   ", "x".repeat(101), "🧗".repeat(101)}) {
            assertThatThrownBy(() -> GroupService.title(bad)).isInstanceOf(ProtocolException.class)
                    .extracting(e -> ((ProtocolException) e).code()).isEqualTo(ErrorCode.INVALID_TITLE);
        }
    }
}
