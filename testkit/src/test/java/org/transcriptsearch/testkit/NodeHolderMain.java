package org.transcriptsearch.testkit;

import org.transcriptsearch.localnode.EphemeralNode;
import org.transcriptsearch.localnode.NodeHome;

/** Started as a child JVM by {@link EmbeddedNodeLifecycleIT}: holds a throw-away node until killed. */
public final class NodeHolderMain {
    private NodeHolderMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        EphemeralNode node = EphemeralNode.start(NodeHome.resolve(System.getenv()), System.getenv(), line -> { });
        System.out.println("READY " + node.url() + " " + node.pid());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
