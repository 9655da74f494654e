package org.transcriptsearch.indexer.source;

import java.util.List;
import java.util.Map;
import org.transcriptsearch.sandbox.GroundTruth;
import org.transcriptsearch.sandbox.SandboxCredentials;
import org.transcriptsearch.sandbox.Vendor;

/**
 * One vendor's source as the integration tests configure it against the sandbox: its settings, its
 * secrets, its streams, and what a complete harvest of it holds beyond the sandbox's own counts.
 */
public interface SandboxSource {
    Vendor vendor();

    /** The connector's streams, each with its own checkpoint. */
    List<String> streams();

    /** The source's settings after its name and type, as YAML lines indented by four; secrets as {@code ${NAME}}. */
    String settings(String baseUrl, SandboxCredentials credentials);

    /** The values of the {@code ${NAME}}s in {@link #settings}. */
    Map<String, String> secrets(SandboxCredentials credentials);

    HarvestedIndex.ExpectedConversations conversations(GroundTruth truth);

    /** The {@code sources:} list item for a source of this kind named {@code name}. */
    default String yaml(String name, String baseUrl, SandboxCredentials credentials) {
        return "  - name: " + name + "\n    type: " + vendor().key() + "\n" + settings(baseUrl, credentials);
    }
}
