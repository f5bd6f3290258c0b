/**
 * The read side of a connection, without I/O: {@link parley.client.inbox.ChatOrdering} releases
 * each chat's messages exactly once, in seq order, without gaps; {@link parley.client.inbox.Inbox}
 * merges pushes, resync pages and gap-filling history into it; {@link
 * parley.client.inbox.ReceiptQueue} coalesces receipts.
 */
package parley.client.inbox;
