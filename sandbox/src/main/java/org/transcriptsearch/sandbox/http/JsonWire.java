package org.transcriptsearch.sandbox.http;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.math.BigDecimal;
import java.math.RoundingMode;

/** The JSON mappers the sandbox writes with, and the number formats the vendors use. */
public final class JsonWire {
    /** Plain UTF-8 JSON; decimals written as plain numbers (1719943427.00903, never 1.7E9). */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();

    private static final ObjectWriter PLAIN = MAPPER.writer();
    private static final ObjectWriter LARAVEL = MAPPER.writer()
            .with(JsonWriteFeature.ESCAPE_NON_ASCII)
            .with(new LaravelEscapes());

    private JsonWire() {
    }

    public static ObjectWriter plain() {
        return PLAIN;
    }

    /**
     * As Laravel's {@code JsonResponse} writes (PHP {@code json_encode} with HEX_TAG|HEX_APOS|HEX_AMP|HEX_QUOT
     * and no UNESCAPED_UNICODE): every non-ASCII character and {@code < > & ' "} as {@code \\uXXXX}. The
     * CXone sample's {@code -\u003E} shows it. Harvesters must decode JSON, not pattern-match it.
     */
    public static ObjectWriter laravel() {
        return LARAVEL;
    }

    /** Seconds with up to {@code decimals} fractional digits, trailing zeros dropped, as Python floats print. */
    public static BigDecimal seconds(long micros, int decimals) {
        BigDecimal value = BigDecimal.valueOf(micros, 6).setScale(decimals, RoundingMode.HALF_UP).stripTrailingZeros();
        return value.scale() < 0 ? value.setScale(0, RoundingMode.UNNECESSARY) : value;
    }

    /** The same time in milliseconds: what a units bug writes where seconds belong (trailing zeros dropped). */
    public static BigDecimal millis(BigDecimal seconds) {
        BigDecimal value = seconds.movePointRight(3).stripTrailingZeros();
        return value.scale() < 0 ? value.setScale(0, RoundingMode.UNNECESSARY) : value;
    }

    private static final class LaravelEscapes extends CharacterEscapes {
        private final int[] ascii;

        LaravelEscapes() {
            ascii = CharacterEscapes.standardAsciiEscapesForJSON();
            for (char c : new char[] {'<', '>', '&', '\'', '"'}) {
                ascii[c] = CharacterEscapes.ESCAPE_CUSTOM;
            }
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return new SerializedString(String.format("\\u%04X", ch));
        }
    }
}
