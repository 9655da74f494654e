package org.transcriptsearch.indexer.source.agentx;

import java.time.Duration;
import org.transcriptsearch.config.SourceConfig;
import org.transcriptsearch.indexer.source.DurationSetting;
import org.transcriptsearch.indexer.source.SourceSettings;

/**
 * An AgentX Support (DeepConverse) source's settings, validated.
 *
 * @param baseUrl           e.g. {@code https://api.converseapps.com}
 * @param botName           the {@code bot_name} (bot name or id), also {@code bot.name} on every document
 * @param apiKey            the {@code x-api-key} (Account > API); never logged
 * @param pageSize          {@code per_page}, at most 1000 (the vendor's cap)
 * @param windowSize        the {@code start_time..end_time} span per request walk; each finished window
 *                          moves the checkpoint
 * @param requestsPerSecond kept per endpoint; 3 is the vendor's limit and the default (0 = no pacing, for
 *                          sandboxes and the benchmark)
 */
public record AgentxSettings(String baseUrl, String botName, String apiKey, int pageSize, Duration windowSize,
                             int requestsPerSecond) {
    public static final int VENDOR_MAX_PER_PAGE = 1000;
    public static final int VENDOR_REQUESTS_PER_SECOND = 3;

    public static AgentxSettings read(SourceConfig config) {
        SourceSettings s = new SourceSettings(config);
        String baseUrl = s.baseUrl("baseUrl", "https://api.converseapps.com");
        String botName = s.required("botName", "the AI agent's bot name or id (the export API's bot_name), e.g. r3-218210");
        String apiKey = s.secret("apiKey", "the export API key from Account > API; write apiKey: ${AGENTX_API_KEY} and "
                + "export AGENTX_API_KEY");
        int pageSize = s.integer("pageSize", 1, VENDOR_MAX_PER_PAGE, VENDOR_MAX_PER_PAGE);
        Duration window = s.duration("windowSize", Duration.ofDays(1));
        if (window.compareTo(Duration.ofMinutes(1)) < 0) {
            s.problem("windowSize", "must be at least 1m, not " + DurationSetting.format(window));
            window = Duration.ofDays(1);
        }
        int rate = s.integer("requestsPerSecond", 0, VENDOR_REQUESTS_PER_SECOND, VENDOR_REQUESTS_PER_SECOND);
        s.done();
        return new AgentxSettings(baseUrl, botName, apiKey, pageSize, window, rate);
    }

    @Override
    public String toString() {
        return "AgentxSettings[baseUrl=" + baseUrl + ", botName=" + botName + ", pageSize=" + pageSize + "]";
    }
}
