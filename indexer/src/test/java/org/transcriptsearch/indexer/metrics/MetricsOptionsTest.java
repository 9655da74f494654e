package org.transcriptsearch.indexer.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.transcriptsearch.indexer.cli.UsageException;

class MetricsOptionsTest {
    @Test
    void withoutAPortNothingIsServed() {
        assertEquals(Optional.empty(), MetricsOptions.parse(Optional.empty(), Optional.empty(), true));
        assertEquals(Optional.empty(), MetricsOptions.parse(Optional.empty(), Optional.empty(), false));
    }

    @Test
    void aPortOnLoopbackByDefaultAnotherHostWhenNamed() {
        assertEquals(Optional.of(new MetricsOptions("127.0.0.1", 9464)), MetricsOptions.parse(Optional.of("9464"), Optional.empty(), true));
        assertEquals(Optional.of(new MetricsOptions("127.0.0.1", 0)), MetricsOptions.parse(Optional.of("0"), Optional.empty(), true));
        assertEquals(Optional.of(new MetricsOptions("0.0.0.0", 65535)), MetricsOptions.parse(Optional.of("65535"), Optional.of("0.0.0.0"), true));
    }

    @Test
    void badValuesNameTheOption() {
        for (String bad : new String[] {"abc", "-1", "65536", "99999999999", "", "9100x", "1e3"}) {
            UsageException e = assertThrows(UsageException.class, () -> MetricsOptions.parse(Optional.of(bad), Optional.empty(), true), bad);
            assertTrue(e.getMessage().startsWith("--metrics-port must be a port number 0..65535"), e.getMessage());
        }
        UsageException host = assertThrows(UsageException.class, () -> MetricsOptions.parse(Optional.of("9100"), Optional.of(" "), true));
        assertTrue(host.getMessage().startsWith("--metrics-host must be a host name or an IP address"), host.getMessage());
    }

    @Test
    void aPortNeedsWatchAndAHostNeedsAPort() {
        UsageException watch = assertThrows(UsageException.class, () -> MetricsOptions.parse(Optional.of("9100"), Optional.empty(), false));
        assertTrue(watch.getMessage().startsWith("--metrics-port needs --watch"), watch.getMessage());
        UsageException host = assertThrows(UsageException.class, () -> MetricsOptions.parse(Optional.empty(), Optional.of("0.0.0.0"), true));
        assertEquals("--metrics-host needs --metrics-port N", host.getMessage());
    }
}
