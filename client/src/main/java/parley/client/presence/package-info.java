/**
 * What a connection learns about other users, kept for the application to read:
 * {@link parley.client.presence.TypingIndicators} (who is typing in a chat, expired after 6 s
 * without renewal).
 */
package parley.client.presence;
