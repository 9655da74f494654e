package org.transcriptsearch.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class AccessLoggerTest {

    @Test
    void parameterNamesStayAndTheirValuesGo() {
        assertEquals("/api/search", AccessLogger.withoutValues("/api/search", null));
        assertEquals("/api/search", AccessLogger.withoutValues("/api/search", ""));
        assertEquals("/api/search?q=***&vendor=***&size", AccessLogger.withoutValues("/api/search",
                "q=%EB%B9%84%EB%B0%80%EB%B2%88%ED%98%B8&vendor=kore&size="));
        assertEquals("/api/search?***=***&***", AccessLogger.withoutValues("/api/search",
                "my%20card%20is%204111=1&4111-1111"));
        assertEquals("/api/conversations/kore-banking/k-1?highlight=***",
                AccessLogger.withoutValues("/api/conversations/kore-banking/k-1", "highlight=m0"));
    }
}
