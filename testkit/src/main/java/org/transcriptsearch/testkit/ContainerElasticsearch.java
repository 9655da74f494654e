package org.transcriptsearch.testkit;

import java.nio.file.Path;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.elasticsearch.ElasticsearchContainer;
import org.testcontainers.utility.MountableFile;
import org.transcriptsearch.localnode.Distribution;

/** Elasticsearch in Docker with the analysis plugin installed before it starts; used when an engine answers. */
final class ContainerElasticsearch {
    static final String IMAGE = "docker.elastic.co/elasticsearch/elasticsearch:" + Distribution.ES_VERSION;

    private ContainerElasticsearch() {
    }

    static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    @SuppressWarnings("resource") // Lives as long as the test JVM; Testcontainers' reaper removes it after.
    static String start(Path pluginZip) {
        ElasticsearchContainer c = new ElasticsearchContainer(IMAGE)
                .withEnv("xpack.security.enabled", "false")
                .withEnv("discovery.type", "single-node")
                .withEnv("ES_JAVA_OPTS", "-Xms512m -Xmx512m")
                .withCopyFileToContainer(MountableFile.forHostPath(pluginZip), "/tmp/transcripts-analysis.zip")
                .withCreateContainerCmdModifier(cmd -> cmd.withEntrypoint("/bin/bash", "-c",
                        "bin/elasticsearch-plugin install --batch file:///tmp/transcripts-analysis.zip"
                                + " && exec /bin/tini -- /usr/local/bin/docker-entrypoint.sh eswrapper"));
        c.start();
        return "http://" + c.getHttpHostAddress();
    }
}
