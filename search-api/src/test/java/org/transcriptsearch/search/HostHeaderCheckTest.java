package org.transcriptsearch.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HostHeaderCheckTest {

    @Test
    void theNameIsTheHeaderWithoutItsPort() {
        assertEquals("localhost", HostHeaderCheck.name("localhost"));
        assertEquals("localhost", HostHeaderCheck.name("LOCALHOST:8080"));
        assertEquals("127.0.0.1", HostHeaderCheck.name("127.0.0.1:80"));
        assertEquals("[::1]", HostHeaderCheck.name("[::1]"));
        assertEquals("[::1]", HostHeaderCheck.name("[::1]:8080"));
        assertEquals("[::1]evil", HostHeaderCheck.name("[::1]evil"));
        assertEquals("localhost:", HostHeaderCheck.name("localhost:"));
        assertEquals("localhost:http", HostHeaderCheck.name("localhost:http"));
        assertEquals("evil.example", HostHeaderCheck.name("evil.example:8080"));
    }
}
