package parley.bench.jmh;

import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import parley.protocol.JsonCodec;
import parley.protocol.frame.ClientFrame;
import parley.protocol.frame.ServerFrame;
import parley.protocol.model.ChatMessage;
import parley.protocol.model.MessageKind;

/**
 * The protocol codec on the message path, one thread: what the server does per send (decode the
 * client's {@code send} frame on the event loop; encode the {@code ack} and the {@code message}
 * pushed to the members, on the writer thread) and what a client does per message (decode the
 * pushed {@code message}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class FrameCodecBenchmark {

    /** Bytes of message text. */
    @Param({"100", "1000"})
    int size;

    private JsonCodec codec;
    private String sendJson;
    private String messageJson;
    private ServerFrame.Message message;
    private ServerFrame.Ack ack;

    @Setup
    public void setUp() {
        codec = new JsonCodec();
        UUID id = UUID.fromString("6f1c2b9e-4a53-4c1e-9f57-3b0d2e8a7c41");
        String text = "x".repeat(size);
        sendJson = codec.encode(new ClientFrame.Send(id, 1234L, text));
        message = new ServerFrame.Message(new ChatMessage(1234L, 987_654L, 42L, id, MessageKind.TEXT, text,
                1_767_225_600_000L));
        messageJson = codec.encode(message);
        ack = new ServerFrame.Ack(id, 1234L, 987_654L, 1_767_225_600_000L);
        if (!(codec.decodeClient(sendJson) instanceof ClientFrame.Send)) {
            throw new IllegalStateException("the send frame does not round-trip: " + sendJson);
        }
    }

    /** Server, event loop: a client's send frame from its JSON text. */
    @Benchmark
    public ClientFrame decodeSend() {
        return codec.decodeClient(sendJson);
    }

    /** Server, writer thread: the message frame pushed to the members, encoded once per message. */
    @Benchmark
    public byte[] encodeMessage() {
        return codec.encodeBytes(message);
    }

    /** Server, writer thread: the ack to the sender. */
    @Benchmark
    public byte[] encodeAck() {
        return codec.encodeBytes(ack);
    }

    /** Client: a pushed message frame from its JSON text. */
    @Benchmark
    public ServerFrame decodeMessage() {
        return codec.decodeServer(messageJson);
    }
}
