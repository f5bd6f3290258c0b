/**
 * The terminal chat client: {@link parley.client.terminal.ChatCommand} ({@code chat}) wires the
 * SDK to {@link parley.client.terminal.ChatRepl}, which holds the REPL's logic behind a
 * {@link parley.client.terminal.ChatBackend} so it can be tested without a server.
 */
package parley.client.terminal;
