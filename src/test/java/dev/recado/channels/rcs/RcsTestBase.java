package dev.recado.channels.rcs;

import dev.recado.support.ApiClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** One workspace and RBM sender on a local RBM API per test class. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RcsTestBase {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    RcsFixture rcs;

    @BeforeAll
    void openSender() throws Exception {
        rcs = new RcsFixture(new ApiClient(port), jdbc);
    }

    @AfterAll
    void closeRbm() {
        rcs.close();
    }
}
