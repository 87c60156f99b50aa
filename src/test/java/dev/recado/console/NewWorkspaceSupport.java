package dev.recado.console;

import dev.recado.workspace.WorkspaceManagement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * What a console test of its own new workspace needs: the server's port, and a workspace with an
 * agent signed in. Subclasses carry {@code @RecadoTest} (and their own properties).
 */
abstract class NewWorkspaceSupport {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PasswordEncoder passwords;
    @Autowired
    WorkspaceManagement workspaces;

    /** A Spanish workspace with this credit and an agent of it signed in (password: email + "-password"). */
    TestUsers.Owner newWorkspace(String name, String email, String credit) {
        return TestUsers.newWorkspace(workspaces, jdbc, passwords, port, name, email, credit);
    }
}
