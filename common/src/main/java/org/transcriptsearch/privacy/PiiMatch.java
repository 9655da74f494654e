package org.transcriptsearch.privacy;

/**
 * One piece of personal data found in a text: its span in the text as written, the kind's name as it goes
 * into the {@code pii} field ({@code email}, {@code member_id} ...), and the placeholder that replaces it.
 * {@code rank} orders matches of the same length: the lower, the more specific.
 */
public record PiiMatch(int start, int end, String kind, String placeholder, int rank) {
    public int length() {
        return end - start;
    }

    boolean overlaps(PiiMatch other) {
        return start < other.end && other.start < end;
    }
}
