package parley.protocol;

/** The protocol versions, agreed at connect as the WebSocket subprotocol. */
public final class ProtocolVersion {
    /** The one version this release speaks. */
    public static final String V1 = "parley.v1";

    private ProtocolVersion() {
    }
}
