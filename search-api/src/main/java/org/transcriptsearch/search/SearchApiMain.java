package org.transcriptsearch.search;

/** Placeholder entry point until the search API lands (issue: search API). */
public final class SearchApiMain {
    private SearchApiMain() {
    }

    public static void main(String[] args) {
        System.err.println("error: the search API is not built yet");
        System.exit(1);
    }
}
