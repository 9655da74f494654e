package org.transcriptsearch.indexer.sink;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.io.IOException;
import org.apache.http.entity.ContentType;
import org.apache.http.nio.entity.NStringEntity;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseListener;
import org.transcriptsearch.elastic.ElasticsearchConnection;

/** Small non-blocking JSON calls (mget, search, refresh) whose answers come back on a Vert.x context. */
public final class AsyncElasticsearch {
    private final ElasticsearchConnection es;
    private final Context context;

    public AsyncElasticsearch(ElasticsearchConnection es, Context context) {
        this.es = es;
        this.context = context;
    }

    public ElasticsearchConnection connection() {
        return es;
    }

    public Future<JsonNode> request(String method, String path, String body) {
        Promise<JsonNode> p = Promise.promise();
        Request req = new Request(method, path);
        if (body != null) {
            req.setEntity(new NStringEntity(body, ContentType.APPLICATION_JSON));
        }
        es.lowLevel().performRequestAsync(req, new ResponseListener() {
            @Override
            public void onSuccess(Response response) {
                try {
                    JsonNode answer = es.json().readTree(response.getEntity().getContent());
                    context.runOnContext(v -> p.complete(answer));
                } catch (IOException e) {
                    context.runOnContext(v -> p.fail(e));
                }
            }

            @Override
            public void onFailure(Exception e) {
                context.runOnContext(v -> p.fail(e));
            }
        });
        return p.future();
    }
}
