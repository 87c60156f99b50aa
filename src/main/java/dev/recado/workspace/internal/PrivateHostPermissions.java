package dev.recado.workspace.internal;

import dev.recado.common.OutboundTargets;
import dev.recado.workspace.WorkspaceManagement;
import org.springframework.stereotype.Component;

/** The workspace setting {@code allow_private_hosts} (platform key only), as the outbound-target check asks it. */
@Component
class PrivateHostPermissions implements OutboundTargets.Permissions {

    private final WorkspaceManagement workspaces;

    PrivateHostPermissions(WorkspaceManagement workspaces) {
        this.workspaces = workspaces;
    }

    @Override
    public boolean allowsPrivateHosts(long workspaceId) {
        try {
            return workspaces.require(workspaceId).allowPrivateHosts(); // cached; a PATCH replaces the copy
        } catch (dev.recado.common.ApiException unknown) {
            return false;
        }
    }
}
