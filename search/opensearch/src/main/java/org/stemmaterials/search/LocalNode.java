package org.stemmaterials.search;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.opensearch.analysis.common.CommonAnalysisPlugin;
import org.opensearch.common.settings.Settings;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.transport.Netty4Plugin;

/**
 * A single-node OpenSearch cluster on loopback, for development and CI.
 *
 * The stock distribution loads its modules from a plugins folder; here the two the site needs
 * (HTTP transport and the analyzers: stemmers, ascii folding) are handed to the node as
 * classpath plugins through Node's protected constructor, so the whole cluster runs from
 * Maven Central jars.
 *
 * Usage: java -cp ... LocalNode <home folder> <http port>
 */
public final class LocalNode extends Node {

    private LocalNode(Settings settings) {
        super(
            InternalSettingsPreparer.prepareEnvironment(
                settings, Collections.emptyMap(), null, () -> "local-node"),
            List.of(Netty4Plugin.class, CommonAnalysisPlugin.class),
            true);
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args.length > 0 ? args[0] : ".opensearch").toAbsolutePath();
        String port = args.length > 1 ? args[1] : "9200";
        Files.createDirectories(home.resolve("data"));
        Files.createDirectories(home.resolve("logs"));

        Settings settings = Settings.builder()
            .put("path.home", home.toString())
            .put("path.data", home.resolve("data").toString())
            .put("path.logs", home.resolve("logs").toString())
            .put("cluster.name", "stem-materials-local")
            .put("node.name", "local-node")
            .put("discovery.type", "single-node")
            .put("network.host", "127.0.0.1")
            .put("http.port", port)
            .put("transport.port", "0")
            .put("http.type", "netty4")
            .put("transport.type", "netty4")
            // A development disk is often fuller than the default watermarks allow.
            .put("cluster.routing.allocation.disk.threshold_enabled", false)
            .put("indices.breaker.total.use_real_memory", false)
            .build();

        Node node = new LocalNode(settings).start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.close();
                node.awaitClose(10, TimeUnit.SECONDS);
            } catch (Exception error) {
                error.printStackTrace();
            } finally {
                stopped.countDown();
            }
        }));
        System.out.println("OpenSearch " + org.opensearch.Version.CURRENT
            + " listening on http://127.0.0.1:" + port);
        stopped.await();
    }
}
