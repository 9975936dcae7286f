package org.stemmaterials.search;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.opensearch.common.settings.Settings;
import org.opensearch.node.Node;

/**
 * What the 2.x and 3.x launchers share: the node's settings and running it in the
 * foreground until the JVM is asked to stop. Only how plugins are handed to the node
 * differs between the two lines, so each LocalNode keeps just its constructor.
 */
final class NodeRunner {

    private NodeRunner() {}

    /** Args: [home folder] [http port]. Data and logs go below the home folder. */
    static Settings settings(String[] args) throws Exception {
        Path home = Path.of(args.length > 0 ? args[0] : ".opensearch").toAbsolutePath();
        String port = args.length > 1 ? args[1] : "9200";
        Files.createDirectories(home.resolve("data"));
        Files.createDirectories(home.resolve("logs"));
        return Settings.builder()
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
    }

    /** Starts the node and blocks until Ctrl-C (or SIGTERM) has closed it. */
    static void run(Node unstarted, Settings settings) throws Exception {
        Node node = unstarted.start();
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
            + " listening on http://127.0.0.1:" + settings.get("http.port"));
        stopped.await();
    }
}
