package org.transcriptsearch.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.LayoutBase;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * One Elastic Common Schema object per line, the shape Filebeat and Elastic Agent read without a pipeline:
 * {@code @timestamp}, {@code log.level}, {@code message}, {@code ecs.version}, {@code service.name},
 * {@code process.thread.name}, {@code log.logger}, and for an exception {@code error.type},
 * {@code error.message} and {@code error.stack_trace}. Jackson writes it, so any text in a message stays
 * one valid JSON string.
 */
final class EcsJsonLayout extends LayoutBase<ILoggingEvent> {
    static final String ECS_VERSION = "1.2.0";
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final String service;
    private final JsonFactory json;

    /**
     * @param asciiOnly write every character beyond ASCII as a JSON escape (backslash, u, four hex digits), for
     *                  a stderr whose encoding cannot hold them (a POSIX locale) and would print '?' instead
     */
    EcsJsonLayout(String service, boolean asciiOnly) {
        this.service = service;
        this.json = asciiOnly ? JsonFactory.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build() : new JsonFactory();
    }

    @Override
    public String doLayout(ILoggingEvent event) {
        StringWriter line = new StringWriter(256);
        try (JsonGenerator json = this.json.createGenerator(line)) {
            json.writeStartObject();
            json.writeStringField("@timestamp", TIMESTAMP.format(event.getInstant()));
            json.writeStringField("log.level", event.getLevel().toString());
            json.writeStringField("message", event.getFormattedMessage());
            json.writeStringField("ecs.version", ECS_VERSION);
            json.writeStringField("service.name", service);
            json.writeStringField("process.thread.name", event.getThreadName());
            json.writeStringField("log.logger", event.getLoggerName());
            IThrowableProxy error = event.getThrowableProxy();
            if (error != null) {
                json.writeStringField("error.type", error.getClassName());
                json.writeStringField("error.message", error.getMessage());
                json.writeStringField("error.stack_trace", ThrowableProxyUtil.asString(error));
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return line.append('\n').toString();
    }
}
