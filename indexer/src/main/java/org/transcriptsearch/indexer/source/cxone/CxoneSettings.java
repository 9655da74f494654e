package org.transcriptsearch.indexer.source.cxone;

import org.transcriptsearch.config.SourceConfig;
import org.transcriptsearch.indexer.source.SourceSettings;

/**
 * A CXone source's settings, validated.
 *
 * @param baseUrl      e.g. {@code https://bot-builder-de-na1.niceincontact.com}
 * @param token        the bot's conversations export token (query string; masked everywhere)
 * @param perPage      conversations per page, at most 200 (the vendor's cap)
 * @param queryDays    the {@code datetime > -N days} bound; null = derived from the window each run
 * @param extraQuery   an optional extra condition ANDed to the query, e.g. {@code channel = web}
 * @param botId        optional {@code bot.id} for every document (CXone's export does not name the bot)
 * @param botName      optional {@code bot.name}
 */
public record CxoneSettings(String baseUrl, String token, int perPage, Integer queryDays, String extraQuery,
                            String botId, String botName) {
    public static final String PATH = "/api/public/conversations";

    public static CxoneSettings read(SourceConfig config) {
        SourceSettings s = new SourceSettings(config);
        String baseUrl = s.baseUrl("baseUrl", "https://bot-builder-de-na1.niceincontact.com");
        String token = s.secret("token", "the conversations token from Bot Builder (Preferences > Import and Export); "
                + "write token: ${CXONE_TOKEN} and export CXONE_TOKEN");
        int perPage = s.integer("perPage", 1, 200, 200);
        int days = s.integer("queryDays", 0, 3650, 0);
        String extra = s.optional("query").orElse(null);
        if (extra != null && extra.toLowerCase().contains("datetime")) {
            s.problem("query", "must not bound datetime itself: the harvester adds 'datetime > -N days' from the window "
                    + "(set queryDays to widen it)");
        }
        String botId = s.optional("botId").orElse(null);
        String botName = s.optional("botName").orElse(null);
        s.done();
        return new CxoneSettings(baseUrl, token, perPage, days == 0 ? null : days, extra, botId, botName);
    }

    /** The token never: it would reach every log line that prints the settings. */
    @Override
    public String toString() {
        return "CxoneSettings[baseUrl=" + baseUrl + ", perPage=" + perPage + ", queryDays=" + queryDays
                + (extraQuery == null ? "" : ", query=" + extraQuery) + (botId == null ? "" : ", botId=" + botId)
                + (botName == null ? "" : ", botName=" + botName) + "]";
    }
}
