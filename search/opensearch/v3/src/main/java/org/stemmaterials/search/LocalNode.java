package org.stemmaterials.search;

import java.util.Collections;
import java.util.List;

import org.opensearch.Version;
import org.opensearch.analysis.common.CommonAnalysisModulePlugin;
import org.opensearch.common.settings.Settings;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.plugins.Plugin;
import org.opensearch.plugins.PluginInfo;
import org.opensearch.transport.Netty4ModulePlugin;

/**
 * The 3.x twin of the 2.x LocalNode: OpenSearch 3 takes classpath plugins as PluginInfo
 * descriptors rather than classes, and its modules are named *ModulePlugin. Settings and
 * running are shared (../shared/java, NodeRunner).
 *
 * Usage: java -cp ... org.stemmaterials.search.LocalNode [home folder] [http port]
 */
public final class LocalNode extends Node {

    private LocalNode(Settings settings) {
        super(
            InternalSettingsPreparer.prepareEnvironment(
                settings, Collections.emptyMap(), null, () -> "local-node"),
            List.of(classpathPlugin(Netty4ModulePlugin.class),
                    classpathPlugin(CommonAnalysisModulePlugin.class)),
            true);
    }

    private static PluginInfo classpathPlugin(Class<? extends Plugin> plugin) {
        return new PluginInfo(plugin.getName(), "classpath plugin", "NA", Version.CURRENT,
            "21", plugin.getName(), Collections.emptyList(), false);
    }

    public static void main(String[] args) throws Exception {
        Settings settings = NodeRunner.settings(args);
        NodeRunner.run(new LocalNode(settings), settings);
    }
}
