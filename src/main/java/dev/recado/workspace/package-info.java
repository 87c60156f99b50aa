/**
 * Tenants (workspaces), console users, API keys, branding and the security edge of the API.
 * Every other module scopes its rows by the workspace id this module authenticates.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Workspaces")
package dev.recado.workspace;
