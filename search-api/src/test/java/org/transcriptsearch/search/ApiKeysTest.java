package org.transcriptsearch.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.transcriptsearch.config.ConfigException;

class ApiKeysTest {

    @Test
    void anEntryNamesTheSourcesItsKeyReads() {
        ApiKeys keys = ApiKeys.parse(List.of("all-key", "kore-key:kore-banking", " two-key : cxone-support + agentx-store "));
        assertTrue(keys.required());
        assertEquals(Optional.of(SourceScope.ALL), keys.scopeOf("Bearer all-key"));
        assertEquals(Optional.of(new SourceScope(Set.of("kore-banking"))), keys.scopeOf("Bearer kore-key"));
        assertEquals(Optional.of(new SourceScope(Set.of("cxone-support", "agentx-store"))), keys.scopeOf("bearer two-key"));
        assertEquals(Optional.empty(), keys.scopeOf("Bearer kore-key:kore-banking"), "the entry is not the key");
        assertEquals(Optional.empty(), keys.scopeOf("Bearer kore-ke"));
        assertEquals(Optional.empty(), keys.scopeOf("Basic kore-key"));
        assertEquals(Optional.empty(), keys.scopeOf(null));
        assertFalse(ApiKeys.parse(List.of()).required());
        assertEquals("two-key", ApiKeys.keyOf(" two-key : cxone-support"));
    }

    @Test
    void malformedEntriesAreRefusedAllAtOnceWithoutShowingAKey() {
        ConfigException e = assertThrows(ConfigException.class, () -> ApiKeys.parse(List.of(
                ":kore-banking", "secret-one:", "secret-two:kore-banking++cxone", "secret-three:Kore Banking",
                "secret-four", "secret-four:kore-banking")));
        String m = e.getMessage();
        assertTrue(m.contains("entry 1 of 6 has no key"), m);
        assertTrue(m.contains("entry 2 of 6 names no source"), m);
        assertTrue(m.contains("entry 3 of 6 has an empty source name"), m);
        assertTrue(m.contains("entry 4 of 6: 'Kore Banking' is not a source name"), m);
        assertTrue(m.contains("entry 6 of 6 repeats the key"), m);
        assertFalse(m.contains("secret"), "keys stay out of the message: " + m);
    }

    @Test
    void theServerAndTheCliRefuseThemAtStart() {
        assertThrows(ConfigException.class, () -> SearchServerOptions.defaults().withApiKeys(List.of("key:")));
        ConfigException e = assertThrows(ConfigException.class,
                () -> SearchApiMain.options(Map.of("SEARCH_API_KEYS", "good-key,:kore-banking"), false));
        assertTrue(e.getMessage().contains("SEARCH_API_KEYS entry 2 of 2"), e.getMessage());
        assertEquals(List.of("good-key", "other:kore-banking"), SearchApiMain.options(
                Map.of("SEARCH_API_KEYS", "good-key, other:kore-banking,"), false).apiKeys());
    }
}
