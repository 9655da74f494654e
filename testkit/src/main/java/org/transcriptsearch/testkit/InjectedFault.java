package org.transcriptsearch.testkit;

import java.time.Instant;

/**
 * One bulk item the {@link FaultProxy} answered with a fault instead of sending it on, so that a test can
 * check that what it queued was really delivered, and to which documents.
 *
 * @param kind  the fault given
 * @param index the item's {@code _index}
 * @param id    the item's {@code _id} as the answer gave it (generated when the request had none)
 * @param at    when the proxy decided
 */
public record InjectedFault(ItemFault kind, String index, String id, Instant at) {
}
