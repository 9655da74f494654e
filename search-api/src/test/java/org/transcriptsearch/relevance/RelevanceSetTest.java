package org.transcriptsearch.relevance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The judged set is big enough, consistent, and covers every language with every kind of query. */
class RelevanceSetTest {
    private static final RelevanceSet SET = RelevanceSet.load();

    @Test
    void isBigEnoughInEveryLanguage() {
        assertTrue(SET.messages().size() >= 1000, SET.messages().size() + " messages, want >= 1000");
        assertTrue(SET.queries().size() >= 150, SET.queries().size() + " queries, want >= 150");
        Map<String, Long> perLanguage = SET.messages().stream()
                .collect(Collectors.groupingBy(RelevanceSet.Message::language, Collectors.counting()));
        for (String language : RelevanceSet.LANGUAGES) {
            long n = perLanguage.getOrDefault(language, 0L);
            assertTrue(n >= 250, language + " has " + n + " messages, want >= 250");
        }
    }

    @Test
    void idsAreUniqueAndLanguagesKnown() {
        List<String> problems = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (RelevanceSet.Message m : SET.messages()) {
            if (!seen.add(m.id())) {
                problems.add("message id twice: " + m.id());
            }
            if (m.language() == null || !RelevanceSet.LANGUAGES.contains(m.language())
                    || !m.id().startsWith(m.language() + "-")) {
                problems.add(m.id() + " has language " + m.language());
            }
            if (m.text() == null || m.text().isBlank()) {
                problems.add(m.id() + " has no text");
            }
            if (m.intent() != null && !m.intent().matches("[a-z]+(_[a-z]+)*")) {
                problems.add(m.id() + " has intent '" + m.intent() + "', want snake_case or null");
            }
        }
        for (RelevanceSet.JudgedQuery q : SET.queries()) {
            if (!seen.add(q.id())) {
                problems.add("query id twice: " + q.id());
            }
            if (q.language() == null || !RelevanceSet.LANGUAGES.contains(q.language())
                    || !q.id().startsWith(q.language() + "-q")) {
                problems.add(q.id() + " has language " + q.language());
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void everyQueryHasAKindATestNoteAndThreeToFifteenRelevantMessagesOfItsLanguage() {
        Map<String, RelevanceSet.Message> byId = SET.messages().stream()
                .collect(Collectors.toMap(RelevanceSet.Message::id, Function.identity()));
        List<String> problems = new ArrayList<>();
        for (RelevanceSet.JudgedQuery q : SET.queries()) {
            if (q.kind() == null || !RelevanceSet.KINDS.contains(q.kind())) {
                problems.add(q.id() + " has kind " + q.kind() + ", not one of " + RelevanceSet.KINDS);
            }
            if (q.tests() == null || q.tests().isBlank() || q.query() == null || q.query().isBlank()) {
                problems.add(q.id() + " lacks its query text or its tests note");
            }
            if (q.relevant() == null || q.relevant().size() < 3 || q.relevant().size() > 15) {
                problems.add(q.id() + " has " + (q.relevant() == null ? 0 : q.relevant().size())
                        + " relevant messages, want 3-15");
                continue;
            }
            for (String id : q.relevant()) {
                RelevanceSet.Message m = byId.get(id);
                if (m == null) {
                    problems.add(q.id() + " judges " + id + " relevant, but there is no such message");
                } else if (!m.language().equals(q.language())) {
                    problems.add(q.id() + " (" + q.language() + ") judges " + id + " (" + m.language() + ") relevant");
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void everyLanguageHasThreeQueriesOfEveryKindAndTyposAreCovered() {
        Map<String, Integer> count = new HashMap<>();
        for (RelevanceSet.JudgedQuery q : SET.queries()) {
            count.merge(q.language() + " " + q.kind(), 1, Integer::sum);
        }
        List<String> problems = new ArrayList<>();
        for (String language : RelevanceSet.LANGUAGES) {
            for (String kind : RelevanceSet.KINDS) {
                int n = count.getOrDefault(language + " " + kind, 0);
                if (!kind.equals("typo") && n < 3) {
                    problems.add(language + " has " + n + " " + kind + " queries, want >= 3");
                }
            }
        }
        long typos = SET.queries().stream().filter(q -> "typo".equals(q.kind())).count();
        if (typos < 6) {
            problems.add(typos + " typo queries, want >= 6");
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void someMessagesHaveNoIntentAsRealBotsLeaveThem() {
        long none = SET.messages().stream().filter(m -> m.intent() == null).count();
        double share = (double) none / SET.messages().size();
        assertTrue(share > 0.05 && share < 0.30, "share of messages without intent " + share);
    }
}
