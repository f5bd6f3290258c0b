/**
 * Parley's Java SDK.
 *
 * <ul>
 *   <li>{@link parley.client.ParleyClient} (made from {@link parley.client.ClientOptions}): the
 *   entry point, one per server.</li>
 *   <li>{@link parley.client.http.ParleyHttp}: the JSON API (register, login, devices, chats,
 *   history), blocking calls.</li>
 *   <li>{@link parley.client.connection.ParleyConnection}: the real-time session (reconnect with
 *   backoff, outbox with client message ids, resync, receipts, heartbeats), reporting to a
 *   {@link parley.client.connection.ConnectionListener}.</li>
 *   <li>{@link parley.client.ParleyException}: a refusal by the server, with its
 *   {@link parley.protocol.ErrorCode}.</li>
 * </ul>
 *
 * The building blocks live in feature packages: {@code outbox} (unacknowledged sends),
 * {@code inbox} (exactly-once in-order delivery, resync, receipts), {@code presence} (who is typing),
 * {@code connection} (socket life and traffic: WebSocket, or long polling when WebSockets are
 * blocked) and {@code terminal} (the {@code chat} command-line client).
 */
package parley.client;
