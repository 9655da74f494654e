package org.transcriptsearch.sandbox.corpus;

/** A quick reply or button the bot offers: what the customer sees and what the bot receives. */
public record Option(String title, String payload) {
}
