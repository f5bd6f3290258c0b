package parley.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import parley.protocol.api.ErrorResponse;
import parley.protocol.api.LoginRequest;
import parley.protocol.api.LoginResponse;
import parley.protocol.api.RegisterRequest;
import parley.protocol.frame.ClientFrame;
import parley.protocol.frame.ServerFrame;
import parley.protocol.model.ReceiptKind;

/** The codec is strict about what it reads, tolerant of fields it does not know, and never leaks a secret. */
class JsonCodecTest {
    private static final JsonCodec CODEC = new JsonCodec();
    private static final String ID = "0f8fad5b-d9cb-469f-a165-70867728950e";
    private static final String SEND = "{\"type\":\"send\",\"clientMsgId\":\"" + ID + "\",\"chatId\":7,\"text\":\"hi\"}";

    private static ProtocolException refusal(String json) {
        ProtocolException e = catchThrowableOfType(ProtocolException.class, () -> CODEC.decodeClient(json));
        assertThat(e).as("refusal of %s", json).isNotNull();
        assertThat(e.getMessage()).as("message of the refusal of %s", json).isNotBlank();
        return e;
    }

    @Test
    void aRefusedFrameKeepsItsRefWhenOneCanBeReadSoTheClientCanMatchTheError() {
        assertThat(refusal("{\"type\":\"history\",\"ref\":\"h1\",\"chatId\":\"7\"}").ref()).contains("h1");
        assertThat(refusal("{\"type\":\"teleport\",\"ref\":\"t1\"}").ref()).contains("t1");
        assertThat(refusal("{\"type\":\"history\",\"ref\":7,\"chatId\":\"x\"}").ref()).isEmpty();
        assertThat(refusal("{\"type\":\"history\",\"ref\":\"h2\"").ref()).isEmpty();
    }

    private static void assertRefused(String json, ErrorCode code) {
        assertThat(refusal(json).code()).as("code for %s", json).isEqualTo(code);
    }

    private static String send(String clientMsgId, String chatId, String text) {
        return "{\"type\":\"send\",\"clientMsgId\":" + clientMsgId + ",\"chatId\":" + chatId + ",\"text\":" + text + "}";
    }

    @Nested
    class MalformedJson {
        @ParameterizedTest
        @ValueSource(strings = {"{\"type\":\"send\",", "not json at all", "{type:\"ping\"}", "{'type':'ping'}",
                "{\"type\":\"ping\",}", "{\"type\":\"ping\"/* comment */}", "{\"ref\":\"unterminated}",
                "{\"type\":\"ping\",\"ref\":\"ok\"",
                "{\"type\":\"history\",\"chatId\":1,\"limit\":NaN}", "{\"type\":\"ping\"}}"})
        void isBadJson(String json) {
            assertRefused(json, ErrorCode.BAD_JSON);
        }

        @Test
        void trailingGarbageAfterTheObjectIsBadJson() {
            assertRefused(SEND + " garbage", ErrorCode.BAD_JSON);
        }

        @Test
        void aSecondValueAfterTheObjectIsAnInvalidRequest() {
            // Pinned: a well-formed second value is refused by FAIL_ON_TRAILING_TOKENS, a mapping error.
            assertRefused(SEND + " {}", ErrorCode.INVALID_REQUEST);
            assertRefused(SEND + " 1", ErrorCode.INVALID_REQUEST);
        }

        @Test
        void trailingWhitespaceIsFine() {
            assertThat(CODEC.decodeClient(SEND + " \n\t\r\n")).isInstanceOf(ClientFrame.Send.class);
        }

        @Test
        void anEmptyFrameIsAnInvalidRequest() {
            // Pinned: Jackson reports "no content" as a mapping problem, not a syntax one.
            assertRefused("", ErrorCode.INVALID_REQUEST);
            assertRefused("   ", ErrorCode.INVALID_REQUEST);
        }

        @ParameterizedTest
        @ValueSource(strings = {"[]", "[" + SEND + "]", "42", "\"send\"", "true"})
        void aValueThatIsNotAnObjectIsAnInvalidRequest(String json) {
            assertRefused(json, ErrorCode.INVALID_REQUEST);
        }

        @Test
        void anUnterminatedStringAfterTheTypeIsBadJson() {
            assertRefused("{\"type\":\"ping\",\"ref\":\"unterminated}", ErrorCode.BAD_JSON);
            assertRefused("{\"type\":\"send\",\"text\":\"abc", ErrorCode.BAD_JSON);
        }

        @Test
        void theJsonLiteralNullIsNotAFrame() {
            assertRefused("null", ErrorCode.INVALID_REQUEST);
        }

        @Test
        void nestingUpToTheLimitIsRead() {
            // 32 levels in all: the frame object and 31 arrays inside it.
            String json = "{\"type\":\"ping\",\"extra\":" + "[".repeat(31) + "]".repeat(31) + "}";
            assertThat(CODEC.decodeClient(json)).isInstanceOf(ClientFrame.Ping.class);
        }

        @ParameterizedTest
        @ValueSource(ints = {32, 33, 1000, 100_000})
        void nestingDeeperThanTheLimitIsRefused(int arrays) {
            assertRefused("{\"type\":\"ping\",\"extra\":" + "[".repeat(arrays) + "]".repeat(arrays) + "}",
                    ErrorCode.BAD_JSON);
            assertRefused("{\"type\":\"ping\",\"extra\":" + "{\"a\":".repeat(arrays) + "1" + "}".repeat(arrays) + "}",
                    ErrorCode.BAD_JSON);
        }
    }

    @Nested
    class FrameType {
        @ParameterizedTest
        @ValueSource(strings = {"launch_rockets", "Ping", "PING", "ack", "ready", "openChat"})
        void anUnknownTypeIsRefusedByName(String type) {
            ProtocolException e = refusal("{\"type\":\"" + type + "\",\"ref\":\"x\"}");
            assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_TYPE);
            assertThat(e.getMessage()).contains("'" + type + "'");
        }

        @Test
        void aServerFrameTypeIsUnknownToTheServerAndViceVersa() {
            assertRefused("{\"type\":\"pong\"}", ErrorCode.UNKNOWN_TYPE);
            assertThat(catchThrowableOfType(ProtocolException.class,
                    () -> CODEC.decodeServer("{\"type\":\"ping\"}")).code()).isEqualTo(ErrorCode.UNKNOWN_TYPE);
        }

        @ParameterizedTest
        @ValueSource(strings = {"{\"chatId\":1}", "{}", "{\"type\":null}"})
        void aMissingTypeIsAnInvalidRequest(String json) {
            ProtocolException e = refusal(json);
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
            assertThat(e.getMessage()).contains("'type'");
        }

        @Test
        void theTypeMayComeAfterTheOtherFields() {
            assertThat(CODEC.decodeClient("{\"ref\":\"late\",\"type\":\"ping\"}")).isEqualTo(new ClientFrame.Ping("late"));
        }
    }

    @Nested
    class Fields {
        @ParameterizedTest(name = "{0} without {1}")
        @CsvSource(delimiter = '|', value = {
                "{\"type\":\"send\",\"chatId\":7,\"text\":\"hi\"}|clientMsgId",
                "{\"type\":\"send\",\"clientMsgId\":\"" + ID + "\",\"text\":\"hi\"}|chatId",
                "{\"type\":\"send\",\"clientMsgId\":\"" + ID + "\",\"chatId\":7}|text",
                "{\"type\":\"receipt\",\"kind\":\"read\",\"seq\":3}|chatId",
                "{\"type\":\"receipt\",\"chatId\":7,\"seq\":3}|kind",
                "{\"type\":\"receipt\",\"chatId\":7,\"kind\":\"read\"}|seq",
                "{\"type\":\"auth\"}|token",
                "{\"type\":\"history\",\"ref\":\"h\"}|chatId",
                "{\"type\":\"open_chat\",\"ref\":\"o\"}|username"})
        void aMissingRequiredFieldIsAnInvalidRequestNamingIt(String json, String field) {
            ProtocolException e = refusal(json);
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
            assertThat(e.getMessage()).contains("'" + field + "'");
        }

        @ParameterizedTest(name = "{0}: {1}")
        @CsvSource(delimiter = '|', value = {
                "text|{\"type\":\"send\",\"clientMsgId\":\"" + ID + "\",\"chatId\":7,\"text\":null}",
                "chatId|{\"type\":\"send\",\"clientMsgId\":\"" + ID + "\",\"chatId\":null,\"text\":\"hi\"}",
                "clientMsgId|{\"type\":\"send\",\"clientMsgId\":null,\"chatId\":7,\"text\":\"hi\"}",
                "kind|{\"type\":\"receipt\",\"chatId\":7,\"kind\":null,\"seq\":3}",
                "seq|{\"type\":\"receipt\",\"chatId\":7,\"kind\":\"read\",\"seq\":null}",
                "token|{\"type\":\"auth\",\"token\":null}",
                "username|{\"type\":\"open_chat\",\"username\":null}"})
        void nullForARequiredFieldIsAnInvalidRequestNamingIt(String field, String json) {
            ProtocolException e = refusal(json);
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
            assertThat(e.getMessage()).contains("'" + field + "'");
        }

        @ParameterizedTest(name = "{0}: {1}")
        @CsvSource(delimiter = '|', value = {
                "chatId|\"7\"", "chatId|\"\"", "chatId|true", "chatId|[7]", "chatId|{}",
                "chatId|7.0", "chatId|7.5", "chatId|7e0", "chatId|99999999999999999999"})
        void aChatIdThatIsNotAWholeNumberIsAnInvalidRequest(String field, String value) {
            ProtocolException e = refusal(send("\"" + ID + "\"", value, "\"hi\""));
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
            assertThat(e.getMessage()).contains("'" + field + "'");
        }

        @ParameterizedTest
        @ValueSource(strings = {"1.5", "1e2", "\"5\"", "true"})
        void anOptionalNumberOfTheWrongShapeIsAnInvalidRequest(String limit) {
            assertRefused("{\"type\":\"history\",\"ref\":\"h\",\"chatId\":7,\"limit\":" + limit + "}",
                    ErrorCode.INVALID_REQUEST);
            assertRefused("{\"type\":\"sync\",\"ref\":\"s\",\"fromChat\":" + limit + "}", ErrorCode.INVALID_REQUEST);
        }

        @ParameterizedTest
        @ValueSource(strings = {"5", "5.5", "true", "[\"hi\"]", "{\"text\":\"hi\"}"})
        void somethingElseForAStringIsAnInvalidRequest(String text) {
            ProtocolException e = refusal(send("\"" + ID + "\"", "7", text));
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
            assertThat(e.getMessage()).contains("'text'");
            assertRefused("{\"type\":\"ping\",\"ref\":" + text + "}", ErrorCode.INVALID_REQUEST);
            assertRefused("{\"type\":\"list_chats\",\"before\":" + text + "}", ErrorCode.INVALID_REQUEST);
        }

        @ParameterizedTest
        @ValueSource(strings = {"\"seen\"", "\"READ\"", "\"Delivered\"", "\"\"", "0", "1"})
        void anUnknownEnumValueIsAnInvalidRequest(String kind) {
            ProtocolException e = refusal("{\"type\":\"receipt\",\"chatId\":7,\"kind\":" + kind + ",\"seq\":3}");
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
            assertThat(e.getMessage()).contains("'kind'");
        }

        @ParameterizedTest
        @ValueSource(strings = {"\"not-a-uuid\"", "\"12\"", "12", "\"0f8fad5bd9cb469fa16570867728950e\""})
        void aClientMessageIdThatIsNoUuidIsAnInvalidRequest(String clientMsgId) {
            ProtocolException e = refusal(send(clientMsgId, "7", "\"hi\""));
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
            assertThat(e.getMessage()).contains("'clientMsgId'");
        }

        @Test
        void aClientMessageIdInUpperCaseIsReadAndEchoedInLowerCase() {
            ClientFrame.Send send =
                    (ClientFrame.Send) CODEC.decodeClient(send("\"" + ID.toUpperCase() + "\"", "7", "\"hi\""));
            assertThat(send.clientMsgId()).isEqualTo(UUID.fromString(ID));
            assertThat(send.ref()).isEqualTo(ID);
        }

        @ParameterizedTest
        @ValueSource(strings = {"{\"seven\":1}", "{\"7\":\"1\"}", "{\"7\":1.5}", "[7]", "7"})
        void aSinceThatIsNotAMapOfChatToSeqIsAnInvalidRequest(String since) {
            assertRefused("{\"type\":\"sync\",\"ref\":\"s\",\"since\":" + since + "}", ErrorCode.INVALID_REQUEST);
        }

        @Test
        void optionalFieldsMayBeLeftOutOrNull() {
            assertThat(CODEC.decodeClient("{\"type\":\"sync\"}"))
                    .isEqualTo(new ClientFrame.Sync(null, Map.of(), null, null));
            assertThat(CODEC.decodeClient("{\"type\":\"sync\",\"since\":null,\"limit\":null}"))
                    .isEqualTo(new ClientFrame.Sync(null, Map.of(), null, null));
            assertThat(CODEC.decodeClient("{\"type\":\"history\",\"chatId\":7}"))
                    .isEqualTo(new ClientFrame.History(null, 7, null, null, null));
            assertThat(CODEC.decodeClient("{\"type\":\"ping\"}")).isEqualTo(new ClientFrame.Ping(null));
        }

        @Test
        void absentOptionalFieldsAreLeftOutWhenEncoding() {
            assertThat(CODEC.encode(new ClientFrame.Ping(null))).isEqualTo("{\"type\":\"ping\"}");
            assertThat(CODEC.encode(new ServerFrame.Error(null, ErrorCode.SLOW_CONSUMER, "slow")))
                    .isEqualTo("{\"type\":\"error\",\"code\":\"slow_consumer\",\"message\":\"slow\"}");
        }

        @Test
        void aSendCarriesNoRefOnTheWireItsClientMessageIdIsItsRef() {
            ClientFrame.Send send = (ClientFrame.Send) CODEC.decodeClient(SEND);
            assertThat(send.ref()).isEqualTo(ID);
            assertThat(GoldenExample.parse(CODEC.encode(send)).has("ref")).isFalse();
        }
    }

    @Nested
    class ForwardCompatibility {
        @Test
        void unknownFieldsOfAClientFrameAreIgnored() {
            String json = "{\"type\":\"send\",\"clientMsgId\":\"" + ID + "\",\"chatId\":7,\"text\":\"hi\","
                    + "\"senderId\":42,\"replyTo\":{\"seq\":3,\"quote\":[1,2,{\"x\":null}]},\"silent\":true}";
            assertThat(CODEC.decodeClient(json)).isEqualTo(new ClientFrame.Send(UUID.fromString(ID), 7, "hi"));
        }

        @Test
        void unknownFieldsOfAServerFrameAreIgnored() {
            String json = "{\"type\":\"watermark\",\"chatId\":7,\"userId\":42,\"delivered\":19,\"read\":18,\"at\":1,"
                    + "\"played\":17}";
            assertThat(CODEC.decodeServer(json)).isEqualTo(new ServerFrame.Watermark(7, 42, 19, 18, 1));
        }

        @Test
        void unknownFieldsOfAnHttpBodyAreIgnored() {
            byte[] json = "{\"username\":\"alice\",\"password\":\"correct horse\",\"deviceName\":\"x\",\"otp\":\"123456\"}"
                    .getBytes(StandardCharsets.UTF_8);
            assertThat(CODEC.read(json, LoginRequest.class)).isEqualTo(new LoginRequest("alice", "correct horse", "x"));
        }

        @Test
        void anErrorCodeThisVersionDoesNotKnowIsRefused() {
            // Pinned: an older client cannot read an error frame with a code added later.
            assertThatThrownBy(() -> CODEC.decodeServer("{\"type\":\"error\",\"code\":\"brand_new\",\"message\":\"m\"}"))
                    .isInstanceOfSatisfying(ProtocolException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST));
        }
    }

    @Nested
    class HttpBodies {
        @Test
        void bodiesAreReadAsStrictlyAsFrames() {
            assertThat(catchThrowableOfType(ProtocolException.class, () -> CODEC.read(
                    "{\"username\":42,\"password\":\"long enough\"}".getBytes(StandardCharsets.UTF_8),
                    RegisterRequest.class)).code()).isEqualTo(ErrorCode.INVALID_REQUEST);
            assertThat(catchThrowableOfType(ProtocolException.class, () -> CODEC.read(
                    "{\"username\":\"erin\"}".getBytes(StandardCharsets.UTF_8), RegisterRequest.class)).getMessage())
                    .contains("'password'");
            assertThat(catchThrowableOfType(ProtocolException.class, () -> CODEC.read(
                    "{not json".getBytes(StandardCharsets.UTF_8), RegisterRequest.class)).code())
                    .isEqualTo(ErrorCode.BAD_JSON);
            assertThat(catchThrowableOfType(ProtocolException.class, () -> CODEC.read(
                    new byte[0], RegisterRequest.class)).code()).isEqualTo(ErrorCode.INVALID_REQUEST);
            assertThat(catchThrowableOfType(ProtocolException.class, () -> CODEC.read(
                    "[]".getBytes(StandardCharsets.UTF_8), RegisterRequest.class)).code())
                    .isEqualTo(ErrorCode.INVALID_REQUEST);
        }

        @Test
        void anErrorResponseNeedsItsCode() {
            assertThat(catchThrowableOfType(ProtocolException.class,
                    () -> CODEC.read("{\"message\":\"m\"}", ErrorResponse.class)).getMessage()).contains("'code'");
            assertThat(CODEC.read("{\"code\":\"not_found\"}", ErrorResponse.class))
                    .isEqualTo(new ErrorResponse(ErrorCode.NOT_FOUND, null));
        }
    }

    @Nested
    class ErrorCodes {
        @Test
        void wireNamesAreUniqueLowerSnakeCase() {
            Set<String> names = Arrays.stream(ErrorCode.values()).map(ErrorCode::wire).collect(Collectors.toSet());
            assertThat(names).hasSize(ErrorCode.values().length);
            assertThat(names).allMatch(name -> name.matches("[a-z][a-z_]*[a-z]"));
        }

        @Test
        void wireNamesRoundTrip() {
            for (ErrorCode code : ErrorCode.values()) {
                assertThat(ErrorCode.fromWire(code.wire())).isSameAs(code);
                String json = CODEC.encode(new ServerFrame.Error("r", code, "m"));
                assertThat(json).contains("\"code\":\"" + code.wire() + "\"");
                assertThat(((ServerFrame.Error) CODEC.decodeServer(json)).code()).isSameAs(code);
            }
        }

        @Test
        void anUnknownWireNameIsRefused() {
            assertThatThrownBy(() -> ErrorCode.fromWire("nope")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> ErrorCode.fromWire("NOT_FOUND")).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void everyCodeIsAnsweredWithAnHttpErrorStatus() {
            assertThat(ErrorCode.values()).allSatisfy(code -> assertThat(code.httpStatus()).isBetween(400, 599));
        }
    }

    @Nested
    class Secrets {
        private static final String TOKEN = "yT7wo5NouZ1ECbgLO_6i64JO6LCUXIuis-55lLmYeqE";

        @Test
        void anAuthFrameDoesNotPrintItsToken() {
            ClientFrame auth = CODEC.decodeClient("{\"type\":\"auth\",\"token\":\"" + TOKEN + "\"}");
            assertThat(auth.toString()).doesNotContain(TOKEN).contains("Auth");
            assertThat(CODEC.encode(auth)).contains(TOKEN);
        }

        @Test
        void httpBodiesDoNotPrintPasswordsOrTokens() {
            assertThat(new RegisterRequest("alice", "correct horse battery").toString())
                    .doesNotContain("correct horse battery").contains("alice");
            assertThat(new LoginRequest("alice", "correct horse battery", "laptop").toString())
                    .doesNotContain("correct horse battery").contains("alice");
            assertThat(new LoginResponse(TOKEN, 41, "alice", 3).toString()).doesNotContain(TOKEN).contains("alice");
        }
    }

    @Test
    void aDecodedFrameEqualsTheRecordItWasEncodedFrom() {
        ClientFrame receipt = new ClientFrame.Receipt("r1", 7, ReceiptKind.READ, 19);
        assertThat(CODEC.decodeClient(CODEC.encode(receipt))).isEqualTo(receipt);
    }
}
