package org.transcriptsearch.privacy;

import java.util.List;

/** Finds one kind of personal data. Detectors see the matching copy of the text and report spans in it. */
interface PiiDetector {
    /** Adds every match in {@code text} to {@code found}, with spans in the original text. */
    void find(MatchingText text, List<PiiMatch> found);
}
