package dev.recado.channels.whatsapp;

import dev.recado.support.ApiClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** One workspace and WhatsApp sender on a local Graph API per test class. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class WhatsAppTestBase {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    WhatsAppFixture wa;

    /** The WABA's templates the Graph lists, as members of its {@code data} array; none by default. */
    String templates() {
        return "";
    }

    @BeforeAll
    void openSender() throws Exception {
        wa = new WhatsAppFixture(new ApiClient(port), jdbc, templates());
    }

    @AfterAll
    void closeGraph() {
        wa.close();
    }
}
