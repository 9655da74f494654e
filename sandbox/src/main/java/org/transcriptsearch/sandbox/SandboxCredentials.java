package org.transcriptsearch.sandbox;

import org.transcriptsearch.sandbox.corpus.StableIds;
import org.transcriptsearch.sandbox.kore.KoreJwt;

/**
 * The credentials the sandbox accepts, random-looking but derived from the seed (the same seed gives the
 * same credentials). {@link #toString()} masks the secrets, as every credential in this product is.
 */
public record SandboxCredentials(String cxoneToken, String koreBotId, String koreClientId, String koreClientSecret,
                                 String agentxApiKey, String agentxBotName) {

    public static SandboxCredentials fromSeed(long seed) {
        return new SandboxCredentials(
                StableIds.alnum(key(seed, "cxone-token"), 64),
                "st-" + StableIds.uuid(key(seed, "kore-bot")),
                "cs-" + StableIds.uuid(key(seed, "kore-client")),
                StableIds.alnum(key(seed, "kore-secret"), 43) + "=",
                StableIds.alnum(key(seed, "agentx-key"), 40),
                "r3-" + (100_000 + Math.floorMod(key(seed, "agentx-bot"), 900_000L)));
    }

    /** A JWT for the Kore app, minted as a Kore client mints it (HS256, {@code appId} = client id). */
    public String koreJwt() {
        return KoreJwt.mint(koreClientId, koreClientSecret, "sandbox-client");
    }

    private static long key(long seed, String purpose) {
        return StableIds.mix(seed, StableIds.tag(purpose));
    }

    @Override
    public String toString() {
        return "SandboxCredentials[cxoneToken=***, koreBotId=" + koreBotId + ", koreClientId=" + koreClientId
                + ", koreClientSecret=***, agentxApiKey=***, agentxBotName=" + agentxBotName + "]";
    }
}
