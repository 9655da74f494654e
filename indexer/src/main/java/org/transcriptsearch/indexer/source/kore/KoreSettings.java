package org.transcriptsearch.indexer.source.kore;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.transcriptsearch.config.SourceConfig;
import org.transcriptsearch.indexer.source.DurationSetting;
import org.transcriptsearch.indexer.source.SourceSettings;

/**
 * A Kore.ai source's settings, validated.
 *
 * @param baseUrl       e.g. {@code https://bots.kore.ai}
 * @param botId         the bot ({@code st-...}), from the bot's General Settings
 * @param botName       optional {@code bot.name} for every document
 * @param clientId      the app's Client ID (the JWT's {@code appId}); null when a ready {@code jwt} is given
 * @param clientSecret  the app's Client Secret, signs the JWT; null when a ready {@code jwt} is given
 * @param jwt           a ready JWT, used as is; null when minted from client id and secret
 * @param jwtSubject    the minted JWT's {@code sub}
 * @param jwtLifetime   how long a minted JWT is valid; it is renewed before it runs out
 * @param pageSize      {@code limit} per call, at most 100 (the vendor's cap for getMessages v1)
 * @param windowSize    {@code dateFrom..dateTo} span per window, under 7 days (the vendor refuses 7 and more)
 * @param channelTypes  {@code channelType} values to harvest, one pass each; empty = the vendor's default
 * @param callsPerMinute the per-bot limit kept on our side (0 = no pacing, for sandboxes)
 * @param callsPerHour  the per-bot hourly limit kept on our side (0 = none)
 */
public record KoreSettings(String baseUrl, String botId, String botName, String clientId, String clientSecret,
                           String jwt, String jwtSubject, Duration jwtLifetime, int pageSize, Duration windowSize,
                           List<String> channelTypes, int callsPerMinute, int callsPerHour) {
    public static final Duration VENDOR_MAX_WINDOW = Duration.ofDays(7);
    public static final int VENDOR_MAX_LIMIT = 100;

    public static KoreSettings read(SourceConfig config) {
        SourceSettings s = new SourceSettings(config);
        String baseUrl = s.baseUrl("baseUrl", "https://bots.kore.ai");
        String botId = s.required("botId", "the bot id (st-...) from the bot's General Settings page");
        String botName = s.optional("botName").orElse(null);
        boolean hasJwt = config.string("jwt").isPresent();
        boolean hasClient = config.string("clientId").isPresent() || config.string("clientSecret").isPresent();
        String clientId = null;
        String clientSecret = null;
        String jwt = null;
        if (hasJwt && hasClient) {
            s.problem("jwt", "is set together with clientId/clientSecret: configure either a ready jwt or the app's "
                    + "clientId and clientSecret (the indexer then mints the JWT itself), not both");
            s.optional("clientId");
            s.optional("clientSecret");
            s.optional("jwt");
        } else if (hasJwt) {
            jwt = s.secret("jwt", "a JWT signed for the app");
        } else {
            clientId = s.required("clientId", "the Client ID of an app with the Chat History API scope; "
                    + "write clientId: ${KORE_CLIENT_ID} (or give a ready jwt instead)");
            clientSecret = s.secret("clientSecret", "the app's Client Secret; write clientSecret: ${KORE_CLIENT_SECRET} "
                    + "and export KORE_CLIENT_SECRET (or give a ready jwt instead)");
        }
        String subject = s.optional("jwtSubject").orElse("transcript-search-indexer");
        Duration lifetime = s.duration("jwtLifetime", Duration.ofHours(1));
        if (lifetime.compareTo(Duration.ofMinutes(1)) < 0) {
            s.problem("jwtLifetime", "must be at least 1m, not " + DurationSetting.format(lifetime));
        }
        int pageSize = s.integer("pageSize", 1, VENDOR_MAX_LIMIT, VENDOR_MAX_LIMIT);
        Duration window = s.duration("windowSize", Duration.ofDays(6));
        if (window.compareTo(Duration.ofMinutes(1)) < 0 || window.compareTo(VENDOR_MAX_WINDOW) >= 0) {
            s.problem("windowSize", "must be at least 1m and shorter than 7d (Kore refuses a dateFrom..dateTo span of "
                    + "7 days or more), not " + DurationSetting.format(window));
            window = Duration.ofDays(6);
        }
        List<String> channels = s.optional("channelTypes")
                .map(v -> Arrays.stream(v.replaceAll("[\\[\\]]", "").split(",")).map(String::trim)
                        .filter(c -> !c.isEmpty()).toList())
                .orElse(List.of());
        int perMinute = s.integer("callsPerMinute", 0, 60, 60);
        int perHour = s.integer("callsPerHour", 0, 1800, 1800);
        s.done();
        return new KoreSettings(baseUrl, botId, botName, clientId, clientSecret, jwt, subject, lifetime, pageSize,
                window, channels, perMinute, perHour);
    }

    /** The config key to name when the vendor refuses our credentials. */
    String credentialKey() {
        return jwt != null ? "jwt" : "clientId/clientSecret";
    }

    @Override
    public String toString() {
        return "KoreSettings[baseUrl=" + baseUrl + ", botId=" + botId + ", pageSize=" + pageSize + ", windowSize="
                + DurationSetting.format(windowSize) + "]";
    }
}
