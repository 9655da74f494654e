package org.transcriptsearch.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedactingPrintStreamTest {
    @Test
    void everyLineIsRedactedEvenWhenPrintedInPieces() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        RedactingPrintStream p = RedactingPrintStream.over(new PrintStream(bytes, true, StandardCharsets.UTF_8), Redactor.none());
        p.redactWith(new Redactor(List.of("s3cret-value")));
        p.print("GET http://u:pw@h/x?token=");
        p.print("s3cret");
        p.println("-value 비밀번호");
        new IllegalStateException("failed with {\"apiKey\":\"abcd1234\"}").printStackTrace(p);
        p.print("progress s3cret-value");
        p.flush();
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertEquals("GET http://***@h/x?token=*** 비밀번호\n", out.lines().findFirst().orElseThrow() + "\n");
        assertEquals("java.lang.IllegalStateException: failed with {\"apiKey\":\"***\"}", out.lines().skip(1).findFirst().orElseThrow());
        assertEquals("progress ***", out.lines().reduce((a, b) -> b).orElseThrow());
    }
}
