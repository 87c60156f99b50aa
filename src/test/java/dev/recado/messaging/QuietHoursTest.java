package dev.recado.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.recado.campaigns.CampaignFixtures;
import dev.recado.support.ApiClient;
import dev.recado.support.ClockedRecadoTest;
import dev.recado.support.MovableClock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Quiet hours as the engine enforces them: a marketing message accepted outside the recipient's
 * window waits (scheduled, {@code deferred_quiet_hours}) for the next opening in the recipient's
 * time zone, skipping closed days and holidays, and goes out when the clock reaches it;
 * transactional messages never wait.
 */
@ClockedRecadoTest
class QuietHoursTest {

    static final ZoneId MADRID = ZoneId.of("Europe/Madrid");
    static final String WEEKDAYS = "{\"from\":\"09:00\",\"to\":\"21:00\"}";

    @LocalServerPort
    int port;
    @Autowired
    MovableClock clock;
    ApiClient api;
    String key;
    CampaignFixtures fx;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        var ws = CampaignFixtures.workspaceIn(api, "Quiet", "Europe/Madrid");
        key = ws.text("api_key");
        fx = new CampaignFixtures(api, key);
    }

    @Test
    void marketingOutsideTheRecipientsWindowWaitsForTheNextOpeningAndIsThenSent() {
        // the next 22:00 in Madrid on a weekday whose two following days are weekdays too: New York is
        // then inside its weekday window, the first day after becomes a holiday and the second opens at
        // 09:00 (other tests move the shared clock to any day of the week)
        ZonedDateTime night = ZonedDateTime.ofInstant(clock.instant(), MADRID).with(LocalTime.of(22, 0));
        while (!night.toInstant().isAfter(clock.instant()) || night.getDayOfWeek().getValue() > 5
                || night.plusDays(1).getDayOfWeek().getValue() > 5 || night.plusDays(2).getDayOfWeek().getValue() > 5) {
            night = night.plusDays(1);
        }
        LocalDate holiday = night.toLocalDate().plusDays(1);
        var put = api.put("/v1/settings/quiet-hours", key, "{\"windows\":{\"monday\":" + WEEKDAYS + ",\"tuesday\":"
                + WEEKDAYS + ",\"wednesday\":" + WEEKDAYS + ",\"thursday\":" + WEEKDAYS + ",\"friday\":" + WEEKDAYS
                + ",\"saturday\":{\"from\":\"10:00\",\"to\":\"14:00\"},\"sunday\":null},\"holidays\":[\"" + holiday + "\"]}");
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        assertThat(put.json().get("windows").get("sunday").isNull()).isTrue();
        assertThat(put.json().get("holidays").toString()).isEqualTo("[\"" + holiday + "\"]");

        String madrid = fx.consentingContacts("quiet", 3000, 1).get(0);
        String newYork = fx.contact("{\"phone\":\"+12127365000\"}");
        fx.consent(newYork, "opted_in");
        clock.moveTo(night.toInstant());

        var deferred = send(madrid, "marketing");
        // the day after is a holiday: the opening is the day after that, at 09:00 Madrid time
        Instant opening = holiday.plusDays(1).atTime(9, 0).atZone(MADRID).toInstant();
        assertThat(deferred.text("status")).isEqualTo("scheduled");
        var shown = api.get("/v1/messages/" + deferred.text("id"), key);
        assertThat(shown.text("deferred_reason")).isEqualTo("deferred_quiet_hours");
        assertThat(Instant.parse(shown.text("send_at"))).isEqualTo(opening);

        // 22:00 in Madrid is 16:00 in New York: inside that recipient's window
        var inWindow = send(newYork, "marketing");
        assertThat(inWindow.text("status")).isEqualTo("queued");
        var transactional = send(madrid, "transactional");
        assertThat(transactional.text("status")).isEqualTo("queued");
        assertThat(api.get("/v1/messages/" + transactional.text("id"), key).text("deferred_reason")).isNull();
        awaitStatus(inWindow.text("id"), "sent", "delivered");
        awaitStatus(transactional.text("id"), "sent", "delivered");

        // the batch path decides the same way, without a query per message
        var batch = api.post("/v1/messages/batch", key, "{\"messages\":[{\"to\":\"" + madrid + "\",\"body\":\"Oferta"
                + " BAJA al 600\",\"purpose\":\"marketing\",\"client_ref\":\"q1\"},{\"to\":\"" + newYork + "\",\"body\":"
                + "\"Offer STOP\",\"purpose\":\"marketing\",\"client_ref\":\"q2\"}]}");
        assertThat(batch.status()).as(batch.body()).isEqualTo(200);
        assertThat(batch.json().get("data").get(0).get("status").asString()).isEqualTo("scheduled");
        assertThat(batch.json().get("data").get(1).get("status").asString()).isEqualTo("queued");

        clock.moveTo(opening.minus(Duration.ofMinutes(1)));
        await().during(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(4))
                .until(() -> status(deferred.text("id")).equals("scheduled"));
        clock.moveTo(opening);
        awaitStatus(deferred.text("id"), "sent", "delivered");
        var sent = api.get("/v1/messages/" + deferred.text("id"), key);
        assertThat(Instant.parse(sent.json().get("events").get(sent.json().get("events").size() - 1).get("at").asString()))
                .isAfterOrEqualTo(opening);
    }

    @Test
    void settingsAreValidatedFieldByFieldAndARefusalChangesNothing() {
        var before = api.get("/v1/settings/quiet-hours", key);
        assertThat(before.status()).isEqualTo(200);
        // the test profile's default window is the whole day
        assertThat(before.json().get("windows").get("monday").get("to").asString()).isEqualTo("24:00");
        for (var bad : List.of(
                List.of("{\"windows\":{\"funday\":null}}", "windows.funday"),
                List.of("{\"windows\":{\"monday\":{\"from\":\"21:00\",\"to\":\"09:00\"}}}", "windows.monday.to"),
                List.of("{\"windows\":{\"monday\":{\"from\":\"9am\",\"to\":\"21:00\"}}}", "windows.monday.from"),
                List.of("{\"holidays\":[\"2026-02-30\"]}", "holidays[0]"),
                List.of("{\"windows\":{\"monday\":null,\"tuesday\":null,\"wednesday\":null,\"thursday\":null,"
                        + "\"friday\":null,\"saturday\":null,\"sunday\":null}}", "windows"))) {
            var r = api.put("/v1/settings/quiet-hours", key, bad.get(0));
            assertThat(r.status()).as(r.body()).isEqualTo(422);
            assertThat(r.json().get("errors").get(0).get("field").asString()).isEqualTo(bad.get(1));
        }
        assertThat(api.get("/v1/settings/quiet-hours", key).body()).isEqualTo(before.body());
        assertThat(DayOfWeek.values()).hasSize(before.json().get("windows").size());
    }

    private ApiClient.Response send(String to, String purpose) {
        var r = api.post("/v1/messages", key, "{\"to\":\"" + to + "\",\"body\":\"Rebajas BAJA al 600\",\"purpose\":\""
                + purpose + "\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        return r;
    }

    private String status(String id) {
        return api.get("/v1/messages/" + id, key).text("status");
    }

    private void awaitStatus(String id, String... statuses) {
        await().atMost(Duration.ofSeconds(15)).until(() -> List.of(statuses).contains(status(id)));
    }
}
