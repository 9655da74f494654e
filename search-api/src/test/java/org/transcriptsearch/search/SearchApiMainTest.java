package org.transcriptsearch.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.transcriptsearch.config.ConfigException;
import org.transcriptsearch.config.ElasticsearchSettings;
import org.transcriptsearch.secrets.RedactingPrintStream;
import org.transcriptsearch.secrets.Redactor;

/** The command line, the environment and the config file the CLI reads, without starting anything. */
class SearchApiMainTest {

    @Test
    void concurrencyPerCallerComesFromTheEnvironment() {
        assertEquals(ConcurrentRequestLimit.DEFAULT_PER_CALLER, SearchApiMain.options(Map.of(), false).concurrentRequests());
        assertEquals(3, SearchApiMain.options(Map.of("SEARCH_API_CONCURRENCY", " 3 "), false).concurrentRequests());
        for (String bad : new String[] {"0", "-1", "many", "1e3", "10001"}) {
            ConfigException e = assertThrows(ConfigException.class,
                    () -> SearchApiMain.options(Map.of("SEARCH_API_CONCURRENCY", bad), false));
            assertTrue(e.getMessage().contains("SEARCH_API_CONCURRENCY") && e.getMessage().contains(bad), e.getMessage());
        }
    }

    @Test
    void aSynonymFolderComesFromTheEnvironment() {
        assertEquals(null, SearchApiMain.options(Map.of(), false).synonyms());
        assertEquals(java.nio.file.Path.of("/etc/synonyms"),
                SearchApiMain.options(Map.of("SEARCH_SYNONYMS", " /etc/synonyms "), false).synonyms());
        assertTrue(SearchApiMain.USAGE.contains("SEARCH_SYNONYMS"));
    }

    @TempDir
    Path dir;

    private Path file(String yaml) throws IOException {
        Path file = dir.resolve("transcripts.yml");
        Files.writeString(file, yaml);
        return file;
    }

    @Test
    void theCommandLineTakesConfigInsecureAndTheLogOptionsInBothSpellings() {
        SearchApiArguments a = SearchApiArguments.parse(List.of("--config", "conf/t.yml", "--insecure",
                "--log-level", "debug", "--log-format=json"));
        assertEquals(new SearchApiArguments(false, true, Path.of("conf/t.yml"), "debug", "json"), a);
        assertEquals(Path.of("t.yml"), SearchApiArguments.parse(List.of("--config=t.yml")).config());
        assertEquals("warn", SearchApiArguments.parse(List.of("--log-level=warn")).logLevel());
        assertTrue(SearchApiArguments.parse(List.of("-h")).help());
        assertEquals(new SearchApiArguments(false, false, null, null, null), SearchApiArguments.parse(List.of()));

        Map<List<String>, String> wrong = Map.of(
                List.of("--config"), "--config needs a value: --config FILE",
                List.of("--config", "--insecure"), "--config needs a value: --config FILE",
                List.of("--config="), "--config needs a value: --config=VALUE",
                List.of("--log-format"), "--log-format needs a value: --log-format text|json",
                List.of("--port", "8080"), "unknown argument '--port'",
                List.of("--insecure=yes"), "--insecure takes no value, not '--insecure=yes'");
        wrong.forEach((args, message) -> assertEquals(message,
                assertThrows(IllegalArgumentException.class, () -> SearchApiArguments.parse(args)).getMessage()));
        for (String option : List.of("--config FILE", "--log-level LEVEL", "--log-format text|json", "TRANSCRIPTS_LOG_LEVEL")) {
            assertTrue(SearchApiMain.USAGE.contains(option), option);
        }
    }

    @Test
    void theFileGivesElasticsearchAndTheIndexPrefixAndTheEnvironmentWins() throws IOException {
        Path file = file("""
                elasticsearch:
                  url: http://es.example:9200
                  username: reader
                  password: ${READER_PASSWORD}
                index:
                  prefix: from-file
                """);
        Map<String, String> env = Map.of("READER_PASSWORD", "pw-from-env-1");
        SearchServerOptions fromFile = SearchApiMain.options(env, false, file);
        assertEquals(new ElasticsearchSettings("http://es.example:9200", null, "reader", "pw-from-env-1", null),
                fromFile.elasticsearch());
        assertEquals("from-file", fromFile.indices().prefix());

        SearchServerOptions overridden = SearchApiMain.options(Map.of("READER_PASSWORD", "pw-from-env-1",
                "ES_URL", "https://es.other:9243", "ES_API_KEY", "key-from-env", "INDEX_PREFIX", "from-env"), false, file);
        // The environment's credentials replace the file's as a whole: an API key does not travel with a username.
        assertEquals(new ElasticsearchSettings("https://es.other:9243", "key-from-env", null, null, null),
                overridden.elasticsearch());
        assertEquals("from-env", overridden.indices().prefix());

        // Without the file: the environment, else the defaults, as before.
        assertEquals("transcripts", SearchApiMain.options(Map.of(), false).indices().prefix());
        assertTrue(SearchApiMain.options(Map.of(), false).elasticsearch().embedded());
        // A file without the sections: the defaults (the embedded node, prefix transcripts).
        SearchServerOptions empty = SearchApiMain.options(Map.of(), false, file("sources: []\n"));
        assertTrue(empty.elasticsearch().embedded());
        assertEquals("transcripts", empty.indices().prefix());
    }

    @Test
    void theIndexersFileWithItsVendorSecretsUnsetIsReadForItsTwoSections() throws IOException {
        Path file = file("""
                elasticsearch:
                  url: ${ES_URL:-http://127.0.0.1:9200}
                index:
                  prefix: shared
                sources:
                  - name: cxone-support
                    type: cxone
                    baseUrl: https://bot-builder-de-na1.niceincontact.com
                    token: ${CXONE_TOKEN}
                  - name: kore-banking
                    type: kore
                    baseUrl: https://bots.kore.ai
                    botId: st-0000
                    clientId: ${KORE_CLIENT_ID}
                    clientSecret: ${KORE_CLIENT_SECRET}
                harvest:
                  pageSize: 100
                privacy:
                  redact: all
                """);
        SearchServerOptions options = SearchApiMain.options(Map.of(), false, file);
        assertEquals("http://127.0.0.1:9200", options.elasticsearch().url());
        assertEquals("shared", options.indices().prefix());
    }

    @Test
    void aFileThatCannotBeUsedIsNamedWithTheKeyOrLine() throws IOException {
        Path missing = dir.resolve("nowhere.yml");
        ConfigException absent = assertThrows(ConfigException.class, () -> SearchApiMain.options(Map.of(), false, missing));
        assertEquals("configuration problem: config file " + missing + " does not exist", absent.getMessage());

        Path broken = file("elasticsearch:\n  url: [http://es:9200\nindex: {\n");
        ConfigException yaml = assertThrows(ConfigException.class, () -> SearchApiMain.options(Map.of(), false, broken));
        assertTrue(yaml.getMessage().contains(broken + " is not valid YAML at line"), yaml.getMessage());

        Path badKeys = file("elasticsearch:\n  url: es:9200\n  user: me\nindex:\n  prefix: Upper\n");
        ConfigException keys = assertThrows(ConfigException.class, () -> SearchApiMain.options(Map.of(), false, badKeys));
        assertEquals(3, keys.problems().size(), keys.getMessage());
        assertEquals(badKeys + ": elasticsearch.url 'es:9200' is not an http:// or https:// URL", keys.problems().get(1));
        assertTrue(keys.problems().get(0).startsWith(badKeys + ": unknown key elasticsearch.user (known: "),
                keys.problems().get(0));
        assertEquals(badKeys + ": index.prefix 'Upper' must be lowercase letters, digits, '-' or '_'", keys.problems().get(2));
    }

    @Test
    void theFilesElasticsearchSecretsAreMaskedWhateverTheirVariablesAreCalled() throws IOException {
        Path file = file("elasticsearch:\n  url: http://es.example:9200\n  username: reader\n  password: ${READER_PW}\n");
        SearchServerOptions options = SearchApiMain.options(Map.of("READER_PW", "pw-odd-name-42"), false, file);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        // READER_PW does not look like a secret's name: the environment alone does not mask its value.
        RedactingPrintStream stream = RedactingPrintStream.over(new PrintStream(printed, true, StandardCharsets.UTF_8),
                Redactor.ofEnvironment(Map.of("READER_PW", "pw-odd-name-42")));
        stream.println("before: pw-odd-name-42");
        SearchApiMain.redactAlso(options.elasticsearch(), stream);
        stream.println("after: pw-odd-name-42");
        assertEquals("before: pw-odd-name-42\nafter: ***\n", printed.toString(StandardCharsets.UTF_8));
    }
}
