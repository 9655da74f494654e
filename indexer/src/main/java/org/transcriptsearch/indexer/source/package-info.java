/**
 * The connector contract: how a vendor's conversation API becomes message and conversation documents.
 *
 * <h2>For connector authors</h2>
 * <ul>
 *   <li><b>One package per vendor</b> ({@code source/cxone}, {@code source/kore}, {@code source/agentx}),
 *       classes prefixed with the vendor's name: a {@link org.transcriptsearch.indexer.source.ConnectorFactory}
 *       (registered in {@code META-INF/services/org.transcriptsearch.indexer.source.ConnectorFactory}), a
 *       settings record built with {@link org.transcriptsearch.indexer.source.SourceSettings} (every problem
 *       reported at once, with its key; unknown keys refused), the
 *       {@link org.transcriptsearch.indexer.source.SourceConnector}, and a mapper.</li>
 *   <li><b>{@code mapPage} is pure</b>: one response body in, one {@link org.transcriptsearch.indexer.source.SourcePage}
 *       out. It fills {@code vendor}, {@code source}, {@code conversation.id}, {@code message.id} (the vendor's,
 *       or a stable one derived from what cannot change, e.g. conversation id + position), {@code message.seq}
 *       (position in the conversation, from 0, stable when the conversation grows), {@code @timestamp} (UTC),
 *       {@code role}, {@code text}, and whatever else the vendor gives; {@code raw} is the vendor's record.
 *       It leaves {@code language} and {@code harvest} to the runner. Absent stays null (the document records
 *       drop empty strings and lists). A record it cannot map (missing id, wrong type) becomes a
 *       {@link org.transcriptsearch.indexer.source.SetAside} with location and reason; a body that is not
 *       JSON becomes one set-aside for the whole page (the golden tests show it; a harvest asks again instead). It never
 *       throws for bad vendor data. A set-aside carries the vendor record ({@code SetAside.of}), which is kept
 *       in the dead-letter index.</li>
 *   <li><b>Conversation-level facts</b> (locale, tags, metadata, journey, handover, number, channel,
 *       customer) go in {@link org.transcriptsearch.indexer.source.ConversationFacts}; the runner merges them
 *       over what is stored and recomputes counts, intents and confidence from the stored messages.</li>
 *   <li><b>{@code harvest}</b> describes the vendor's paging as a {@link org.transcriptsearch.indexer.source.Paging}
 *       (the page request, how an answer is read, the next-page rule) and hands it to a
 *       {@link org.transcriptsearch.indexer.source.PageWalk}, which decides the rest the same way for every vendor:
 *       back-pressure from the {@link org.transcriptsearch.indexer.source.PageSink}, retries, an expired scroll,
 *       a stop ({@link org.transcriptsearch.indexer.source.StopSignal}), and a page that cannot be read. A page may
 *       carry a {@link org.transcriptsearch.indexer.source.Checkpoint} for its stream: the runner stores it only
 *       once Elasticsearch has acknowledged that page and everything before it, never past the run's window, so
 *       only emit one when every record before that position really has been handed over (paging oldest first,
 *       or at the end of a sub-window), and compute it from times within the window only. When {@code harvest}
 *       completes, the runner itself moves each stream to {@code through = window.to}. A re-read (overlap,
 *       reindex, restart) must produce the same ids.</li>
 *   <li><b>An answer that is not a page</b> (cut-off JSON, an error body with status 200, no data array) is thrown
 *       from {@link org.transcriptsearch.indexer.source.Paging#read} as
 *       {@link org.transcriptsearch.indexer.source.SourceException#unreadable}: it is asked for again like a 503,
 *       and if it stays unreadable the stream stops where its last checkpoint is and the run fails (exit 1).
 *       Never skip past it: what follows it was not read.</li>
 *   <li><b>HTTP</b> goes through {@link org.transcriptsearch.indexer.source.VendorHttp}: it paces
 *       ({@link org.transcriptsearch.indexer.source.RequestPacer}, for published limits), retries
 *       {@link org.transcriptsearch.indexer.source.SourceException.Kind#RETRIABLE} failures with jittered backoff
 *       and {@code Retry-After}, and fails at once on 401/403 with a message naming the source and the config
 *       key of the credential. Vendor-specific answers (an expired scroll, a window-too-long error) are read by
 *       {@link org.transcriptsearch.indexer.source.Paging#errors}. A scroll or cursor that expires is
 *       {@link org.transcriptsearch.indexer.source.SourceException.Kind#SCROLL_EXPIRED}: the walk restarts it
 *       where {@link org.transcriptsearch.indexer.source.Paging#restart} says.</li>
 *   <li><b>Secrets</b> never appear in a message, a log line, a set-aside location or a document: build every
 *       printed URL with {@link org.transcriptsearch.indexer.source.VendorHttp#mask(String)}, and strip credentials
 *       from anything stored in {@code raw}.</li>
 *   <li><b>Golden tests</b>: {@code src/test/resources/<vendor>/<case>.json} (a response body) and
 *       {@code <case>-expected.json} ({@code {"messages": [...], "conversations": [...], "setAside": [...]}}, each
 *       message with its {@code _id}); optional {@code <vendor>/golden-source.json} holds the settings used to
 *       create the connector. {@code GoldenCasesTest} runs every case of every vendor; run it with
 *       {@code -Dgolden.write=true} once to write the actual output next to the case for review
 *       ({@code target/golden-actual/}).</li>
 * </ul>
 */
package org.transcriptsearch.indexer.source;
