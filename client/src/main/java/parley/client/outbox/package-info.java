/**
 * Sends awaiting their ack: the {@link parley.client.outbox.Outbox} contract and its in-memory
 * implementation.
 */
package parley.client.outbox;
