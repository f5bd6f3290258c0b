package parley.protocol.model;

/** The bounds a server enforces, announced to every client at connect. */
public record Limits(int maxFrameBytes, int maxTextBytes, int maxPageSize) {
}
