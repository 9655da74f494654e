package org.transcriptsearch.indexer.demo;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.transcriptsearch.indexer.cli.Console;

/** What the demo prints once everything runs: where to click, what to type, how to stop. */
final class DemoGuide {
    private DemoGuide() {
    }

    static void print(Console console, String url, List<DemoExamples.Example> examples,
                      Optional<DemoExamples.ConversationExample> conversations, long messages, Path folder, boolean keys) {
        console.say("");
        console.say("The demo is running: " + String.format("%,d", messages) + " messages from "
                + String.join(", ", DemoConfig.SOURCES) + " are searchable.");
        console.say("");
        console.say("  Explorer:   " + url + "/");
        console.say("  Search API: " + url + "/api/search?q=...   (contract: " + url + "/openapi.json)");
        console.say("");
        String auth = keys ? " -H \"Authorization: Bearer $KEY\"" : "";
        if (examples.isEmpty()) {
            console.say("No example search found anything: the harvest indexed nothing (see the messages above).");
        } else {
            console.say("Try these searches (each just found messages):");
            for (DemoExamples.Example e : examples) {
                console.say("  # " + e.label() + ": " + String.format("%,d", e.total()) + " messages");
                console.say("  " + e.curl(url) + auth);
            }
            DemoExamples.Example first = examples.get(0);
            console.say("");
            console.say("The whole conversation around the first hit of '" + first.params().get("q") + "':");
            console.say("  curl -s '" + first.first().conversationUrl(url) + "'" + auth);
            console.say("  Conversation: " + first.first().conversationUrl(url));
            console.say("  In the explorer: " + first.explorerLink(url));
        }
        conversations.ifPresent(c -> {
            console.say("");
            console.say("Whole conversations whose messages together say '" + c.q() + "' (" + String.format("%,d", c.total())
                    + " found; no single message needs every word):");
            console.say("  " + c.curl(url) + auth);
            console.say("  In the explorer: " + c.explorerLink(url));
        });
        console.say("");
        console.say("Stop: press Ctrl-C. It stops the search API, the sandbox and the Elasticsearch node this demo "
                + "started; the data stays in " + folder.getParent() + " and the next `demo` reuses it.");
    }
}
