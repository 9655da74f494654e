package org.transcriptsearch.logging;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * Logback's first set-up, found through {@code META-INF/services}: the product's format and level from the
 * environment, before any {@code main} calls {@link Logging#start} (and in tests and benchmarks, which never do).
 * A value it cannot read leaves the defaults; the {@code main} then reports it. An operator's own Logback file
 * ({@code -Dlogback.configurationFile=...}) takes precedence.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_NORMAL_PRIORITY)
public final class EnvironmentLogConfigurator extends ContextAwareBase implements Configurator {

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        Logging.apply(context, LogSettings.resolveLeniently(System.getenv()));
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
