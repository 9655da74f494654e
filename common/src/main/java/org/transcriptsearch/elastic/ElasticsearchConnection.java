package org.transcriptsearch.elastic;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.HealthStatus;
import co.elastic.clients.elasticsearch._types.Time;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Base64;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.http.Header;
import org.apache.http.HttpHost;
import org.apache.http.message.BasicHeader;
import org.elasticsearch.client.RestClient;
import org.elasticsearch.client.RestClientBuilder;
import org.transcriptsearch.config.ConfigException;
import org.transcriptsearch.config.ElasticsearchSettings;
import org.transcriptsearch.localnode.LocalNode;
import org.transcriptsearch.secrets.Redactor;

/**
 * The one place that builds the Elasticsearch client: URL (or the embedded node), auth (API key or
 * user/password), TLS with a CA file, timeouts, and the Jackson 2 mapper shared by every document record.
 */
public final class ElasticsearchConnection implements AutoCloseable {
    private final String url;
    private final RestClient restClient;
    private final RestClientTransport transport;
    private final ElasticsearchClient client;
    private final ElasticsearchAsyncClient asyncClient;
    private final ObjectMapper json;
    private final boolean embedded;

    private ElasticsearchConnection(String url, RestClient restClient, ObjectMapper json, boolean embedded) {
        this.url = url;
        this.restClient = restClient;
        this.json = json;
        this.embedded = embedded;
        this.transport = new RestClientTransport(restClient, new JacksonJsonpMapper(json));
        this.client = new ElasticsearchClient(transport);
        this.asyncClient = new ElasticsearchAsyncClient(transport);
    }

    /**
     * Connects as configured. With no URL the shared embedded node is used, started in the background
     * first if it is not running ({@code progress} hears about it).
     */
    public static ElasticsearchConnection open(ElasticsearchSettings settings, Consumer<String> progress) {
        boolean embedded = settings.embedded();
        String url = embedded ? LocalNode.fromEnvironment().ensureRunning(progress) : settings.url();
        return connect(settings.withUrl(url), embedded);
    }

    /** Connects to exactly this URL, starting nothing. */
    public static ElasticsearchConnection connect(ElasticsearchSettings settings, boolean embedded) {
        HttpHost host;
        try {
            host = HttpHost.create(settings.url().replaceAll("/+$", ""));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("elasticsearch.url '" + Redactor.maskUrlCredentials(settings.url()) + "' is not a valid URL");
        }
        RestClientBuilder builder = RestClient.builder(host)
                .setRequestConfigCallback(rc -> rc.setConnectTimeout(5_000).setSocketTimeout(120_000));
        if (settings.apiKey() != null) {
            builder.setDefaultHeaders(new Header[]{new BasicHeader("Authorization", "ApiKey " + settings.apiKey())});
        } else if (settings.username() != null) {
            String basic = Base64.getEncoder().encodeToString((settings.username() + ":" + settings.password())
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            builder.setDefaultHeaders(new Header[]{new BasicHeader("Authorization", "Basic " + basic)});
        }
        // The client's default of 10 connections per host would queue the search API's requests under
        // load, and the indexer's bulk pipeline keeps several requests in flight too.
        SSLContext ssl = settings.caFile() != null ? sslContext(settings) : null;
        builder.setHttpClientConfigCallback(hc -> {
            hc.setMaxConnPerRoute(64).setMaxConnTotal(64);
            return ssl == null ? hc : hc.setSSLContext(ssl);
        });
        return new ElasticsearchConnection(host.toURI(), builder.build(), newObjectMapper(), embedded);
    }

    public static ObjectMapper newObjectMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .setSerializationInclusion(JsonInclude.Include.NON_NULL);
    }

    private static SSLContext sslContext(ElasticsearchSettings settings) {
        try (InputStream in = Files.newInputStream(settings.caFile())) {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            int i = 0;
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trust.setCertificateEntry("ca-" + i++, c);
            }
            if (i == 0) {
                throw new ConfigException("elasticsearch.caFile " + settings.caFile() + " holds no PEM certificate");
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new ConfigException("elasticsearch.caFile " + settings.caFile() + " cannot be used: " + e.getMessage());
        }
    }

    /**
     * Waits until the cluster answers cluster health with yellow or better ({@code GET /} is 405 on the
     * bare node, so health is the readiness check). Throws {@link ElasticsearchUnavailableException}
     * naming the URL and the likely cause.
     */
    public void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                var health = client.cluster().health(h -> h.waitForStatus(HealthStatus.Yellow)
                        .timeout(Time.of(t -> t.time("5s"))));
                if (!health.timedOut()) {
                    return;
                }
                last = new IllegalStateException("cluster health is " + health.status());
            } catch (co.elastic.clients.transport.TransportException e) {
                if (e.statusCode() == 401 || e.statusCode() == 403) {
                    throw new ElasticsearchUnavailableException("Elasticsearch at " + shownUrl() + " refused our credentials (HTTP "
                            + e.statusCode() + "): check elasticsearch.apiKey or elasticsearch.username/password", e);
                }
                last = e;
            } catch (co.elastic.clients.elasticsearch._types.ElasticsearchException e) {
                if (e.status() == 401 || e.status() == 403) {
                    throw new ElasticsearchUnavailableException("Elasticsearch at " + shownUrl() + " refused our credentials (HTTP "
                            + e.status() + "): check elasticsearch.apiKey or elasticsearch.username/password", e);
                }
                last = e;
            } catch (IOException | RuntimeException e) {
                last = e;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new ElasticsearchUnavailableException("Elasticsearch at " + shownUrl() + " is not ready after "
                + timeout.toSeconds() + " s (" + describe(last) + "): check that it is running and that the URL is right", last);
    }

    private static String describe(Exception e) {
        if (e == null) {
            return "no answer";
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage();
        return root.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }

    /** The URL as a message may show it (no credentials, whatever it was built from). */
    private String shownUrl() {
        return Redactor.maskUrlCredentials(url);
    }

    public String url() {
        return url;
    }

    /** True when this is the embedded local node (single node: replicas make no sense there). */
    public boolean embedded() {
        return embedded;
    }

    public ElasticsearchClient client() {
        return client;
    }

    public ElasticsearchAsyncClient async() {
        return asyncClient;
    }

    public RestClient lowLevel() {
        return restClient;
    }

    public ObjectMapper json() {
        return json;
    }

    @Override
    public void close() {
        try {
            transport.close();
        } catch (IOException e) {
            // Closing: nothing left to do with it.
        }
    }
}
