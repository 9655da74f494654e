package org.transcriptsearch.indexer.cli;

import java.time.Duration;
import org.transcriptsearch.indexer.source.DurationSetting;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A duration option written as in the config file: {@code 90s}, {@code 5m}, {@code 12h}, {@code 30d} or ISO {@code PT5M}. */
public final class DurationArgument implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        try {
            return DurationSetting.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
