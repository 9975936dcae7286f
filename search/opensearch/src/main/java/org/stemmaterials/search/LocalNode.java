package org.stemmaterials.search;

import java.util.Collections;
import java.util.List;

import org.opensearch.analysis.common.CommonAnalysisPlugin;
import org.opensearch.common.settings.Settings;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.transport.Netty4Plugin;

/**
 * A single-node OpenSearch 2.x cluster on loopback, for development and CI.
 *
 * The stock distribution loads its modules from a plugins folder; here the two the site needs
 * (HTTP transport and the analyzers: stemmers, ascii folding) are handed to the node as
 * classpath plugins through Node's protected constructor, so the whole cluster runs from
 * Maven Central jars.
 *
 * Usage: java -cp ... org.stemmaterials.search.LocalNode [home folder] [http port]
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
        Settings settings = NodeRunner.settings(args);
        NodeRunner.run(new LocalNode(settings), settings);
    }
}
