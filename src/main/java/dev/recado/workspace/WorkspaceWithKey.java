package dev.recado.workspace;

public record WorkspaceWithKey(Workspace workspace, CreatedApiKey apiKey) {
}
