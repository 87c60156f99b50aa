package dev.recado.workspace;

import dev.recado.common.Redacted;

public record WorkspaceWithKey(Workspace workspace, CreatedApiKey apiKey) {

    /** Never the secrets: a record's own toString would print them into any log line. */
    @Override
    public String toString() {
        return Redacted.toString(this);
    }
}
