package dev.recado.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recado.support.ApiClient;
import dev.recado.support.RecadoTest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Concurrent duplicates: one wins, the others are told who did; never a 500. */
@RecadoTest
class ConcurrentCreationTest {

    @LocalServerPort
    int port;
    ApiClient api;
    String key;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        key = api.newWorkspace("Concurrent " + System.nanoTime());
    }

    private List<ApiClient.Response> atOnce(int n, Supplier<ApiClient.Response> request) {
        var start = new CountDownLatch(1);
        try (var pool = Executors.newFixedThreadPool(n)) {
            List<CompletableFuture<ApiClient.Response>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    return request.get();
                }, pool));
            }
            start.countDown();
            return futures.stream().map(CompletableFuture::join).toList();
        }
    }

    @Test
    void eightContactsWithOnePhoneAreOne201AndSeven409WithTheExistingId() {
        for (String body : List.of("{\"phone\":\"+34612340001\",\"attributes\":{\"city\":\"Madrid\"}}",
                "{\"email\":\"same@example.com\",\"attributes\":{\"shoe\":42}}")) {
            var responses = atOnce(8, () -> api.post("/v1/contacts", key, body));
            var created = responses.stream().filter(r -> r.status() == 201).toList();
            assertThat(created).as(responses.toString()).hasSize(1);
            String id = created.get(0).text("id");
            responses.stream().filter(r -> r.status() != 201).forEach(r -> {
                assertThat(r.status()).as(r.body()).isEqualTo(409);
                assertThat(r.text("code")).isEqualTo("duplicate_contact");
                assertThat(r.text("existing_id")).isEqualTo(id);
            });
        }
        assertThat(api.get("/v1/contacts", key).json().get("data")).hasSize(2);
    }

    @Test
    void concurrentSendersLeaveExactlyOneDefault() {
        // each asks to be the default at once (otherwise a sender becomes it only when it first connects)
        var responses = atOnce(8, () -> api.post("/v1/senders", key, "{\"channel\":\"sms\",\"name\":\"Carrier\","
                + "\"host\":\"smpp.example.net\",\"system_id\":\"acme\",\"source_address\":\"ACME\",\"default\":true}"));
        assertThat(responses).allSatisfy(r -> assertThat(r.status()).as(r.body()).isEqualTo(201));
        var senders = api.get("/v1/senders?limit=100", key).json().get("data");
        long defaults = 0;
        for (var s : senders) {
            if (s.get("channel").asString().equals("sms") && s.get("enabled").asBoolean() && s.get("is_default").asBoolean()) {
                defaults++;
            }
        }
        assertThat(defaults).isEqualTo(1);
    }
}
