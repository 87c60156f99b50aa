package dev.recado.campaigns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.recado.common.PublicId;
import dev.recado.support.ApiClient;
import dev.recado.support.ClockedRecadoTest;
import dev.recado.support.MovableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Routines on a movable clock: each occurrence starts when due (the runner reads it from the
 * database), messages each contact once per occurrence, has its own counters, and pausing or
 * canceling stops the occurrences to come.
 */
@ClockedRecadoTest
class CampaignRoutineTest {

    static final ZoneId MADRID = ZoneId.of("Europe/Madrid");

    @LocalServerPort
    int port;
    @Autowired
    MovableClock clock;
    @Autowired
    JdbcClient jdbc;
    ApiClient api;
    String key;
    CampaignFixtures fx;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        var ws = CampaignFixtures.workspaceIn(api, "Routine", "Europe/Madrid");
        key = ws.text("api_key");
        fx = new CampaignFixtures(api, key);
    }

    @Test
    void everyTwoDaysRunsEachOccurrenceWhenDueAndAPauseSkipsWhatItMissed() {
        fx.consentingContacts("weekly", 5000, 4);
        String campaign = fx.campaign(fx.segment("weekly"), fx.smsTemplate("marketing", "Novedades BAJA al 600"),
                ",\"schedule\":{\"type\":\"routine\",\"every_days\":2,\"at_local_time\":\"10:00\",\"count\":3}");
        long id = PublicId.parse("cmp_", campaign).orElseThrow();
        var started = fx.action(campaign, "start");
        assertThat(started.get("status").asString()).isEqualTo("scheduled");
        assertThat(started.get("schedule").get("timezone").asString()).isEqualTo("Europe/Madrid");
        Instant first = Instant.parse(started.get("schedule").get("at").asString());
        ZonedDateTime local = first.atZone(MADRID);
        assertThat(local.toLocalTime()).isEqualTo(LocalTime.of(10, 0));
        assertThat(first).isAfter(clock.instant()).isBefore(clock.instant().plus(Duration.ofDays(1)));

        clock.moveTo(first);
        awaitOccurrenceFinished(campaign, 1, 4);
        Instant second = local.plusDays(2).toInstant();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            var c = fx.get(campaign);
            assertThat(c.get("status").asString()).isEqualTo("scheduled");
            assertThat(Instant.parse(c.get("schedule").get("at").asString())).isEqualTo(second);
        });
        // a day later nothing has started yet
        clock.moveTo(first.plus(Duration.ofDays(1)));
        await().during(Duration.ofMillis(1200)).atMost(Duration.ofSeconds(3)).until(() -> messages(id) == 4);

        clock.moveTo(second);
        awaitOccurrenceFinished(campaign, 2, 4);
        assertThat(messages(id)).isEqualTo(8);
        assertThat(jdbc.sql("select count(distinct client_ref) from messages where campaign_id = :id").param("id", id)
                .query(Long.class).single()).isEqualTo(8);

        // paused before the third: its time passes with nothing sent; resumed, it waits for the next in rhythm
        assertThat(fx.action(campaign, "pause").get("status").asString()).isEqualTo("paused");
        Instant third = local.plusDays(4).toInstant();
        clock.moveTo(third.plus(Duration.ofHours(1)));
        await().during(Duration.ofMillis(1200)).atMost(Duration.ofSeconds(3)).until(() -> messages(id) == 8);
        var resumed = fx.action(campaign, "resume");
        assertThat(resumed.get("status").asString()).isEqualTo("scheduled");
        Instant fourth = local.plusDays(6).toInstant();
        assertThat(Instant.parse(resumed.get("schedule").get("at").asString())).isEqualTo(fourth);
        clock.moveTo(fourth);
        awaitOccurrenceFinished(campaign, 3, 4);
        await().atMost(Duration.ofSeconds(10)).until(() -> fx.get(campaign).get("status").asString().equals("completed"));

        JsonNode list = occurrences(campaign);
        assertThat(list).hasSize(3);
        assertThat(list.get(0).get("occurrence").asInt()).isEqualTo(3);
        assertThat(Instant.parse(list.get(0).get("due_at").asString())).isEqualTo(fourth);
        for (JsonNode o : list) {
            assertThat(o.get("stats").get("targeted").asLong()).isEqualTo(4);
            assertThat(o.get("stats").get("accepted").asLong()).isEqualTo(4);
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            for (JsonNode o : occurrences(campaign)) {
                assertThat(o.get("stats").get("sent").asLong()).isEqualTo(4);
            }
        });
        var totals = fx.get(campaign).get("stats");
        assertThat(totals.get("targeted").asLong()).isEqualTo(12);
        assertThat(totals.get("accepted").asLong()).isEqualTo(12);
    }

    @Test
    void aCanceledRoutineStartsNoMoreOccurrences() {
        fx.consentingContacts("mondays", 5100, 2);
        String campaign = fx.campaign(fx.segment("mondays"), fx.smsTemplate("marketing", "Lunes BAJA al 600"),
                ",\"schedule\":{\"type\":\"routine\",\"weekdays\":[\"monday\",\"Thursday\"],\"at_local_time\":\"09:30\","
                        + "\"timezone\":\"America/Mexico_City\"}");
        var started = fx.action(campaign, "start");
        Instant next = Instant.parse(started.get("schedule").get("at").asString());
        var local = next.atZone(ZoneId.of("America/Mexico_City"));
        assertThat(local.getDayOfWeek().name()).isIn("MONDAY", "THURSDAY");
        assertThat(local.toLocalTime()).isEqualTo(LocalTime.of(9, 30));
        assertThat(started.get("schedule").get("weekdays").toString()).isEqualTo("[\"monday\",\"thursday\"]");
        assertThat(fx.action(campaign, "cancel").get("status").asString()).isEqualTo("canceled");
        clock.moveTo(next.plus(Duration.ofMinutes(1)));
        long id = PublicId.parse("cmp_", campaign).orElseThrow();
        await().during(Duration.ofMillis(1200)).atMost(Duration.ofSeconds(3)).until(() -> messages(id) == 0);
        assertThat(occurrences(campaign)).isEmpty();
    }

    @Test
    void routineSchedulesAreValidatedFieldByField() {
        String segment = fx.segment("none");
        String template = fx.smsTemplate("marketing", "Hola BAJA al 600");
        for (var bad : List.of(
                List.of("{\"type\":\"routine\",\"every_days\":7}", "schedule.at_local_time"),
                List.of("{\"type\":\"routine\",\"at_local_time\":\"10:00\"}", "schedule.every_days"),
                List.of("{\"type\":\"routine\",\"every_days\":0,\"at_local_time\":\"10:00\"}", "schedule.every_days"),
                List.of("{\"type\":\"routine\",\"weekdays\":[\"moonday\"],\"at_local_time\":\"10:00\"}", "schedule.weekdays[0]"),
                List.of("{\"type\":\"routine\",\"every_days\":1,\"at_local_time\":\"25:00\"}", "schedule.at_local_time"),
                List.of("{\"type\":\"routine\",\"every_days\":1,\"at_local_time\":\"10:00\",\"timezone\":\"Mars/Base\"}",
                        "schedule.timezone"),
                List.of("{\"type\":\"routine\",\"every_days\":1,\"at_local_time\":\"10:00\",\"until\":\"soon\"}", "schedule.until"),
                List.of("{\"type\":\"routine\",\"every_days\":1,\"at_local_time\":\"10:00\",\"count\":0}", "schedule.count"),
                List.of("{\"type\":\"now\",\"every_days\":1}", "schedule.type"))) {
            var r = api.post("/v1/campaigns", key, "{\"segment_id\":\"" + segment + "\",\"template_id\":\"" + template
                    + "\",\"schedule\":" + bad.get(0) + "}");
            assertThat(r.status()).as(bad.get(0) + " " + r.body()).isEqualTo(422);
            assertThat(r.json().get("errors").get(0).get("field").asString()).as(r.body()).isEqualTo(bad.get(1));
        }
        assertThat(api.get("/v1/campaigns", key).json().get("data")).isEmpty();
    }

    private void awaitOccurrenceFinished(String campaign, int occurrence, long targeted) {
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            JsonNode found = null;
            for (JsonNode o : occurrences(campaign)) {
                if (o.get("occurrence").asInt() == occurrence) {
                    found = o;
                }
            }
            assertThat(found).as("occurrence " + occurrence).isNotNull();
            assertThat(found.get("finished_at").isNull()).isFalse();
            assertThat(found.get("stats").get("targeted").asLong()).isEqualTo(targeted);
        });
    }

    private JsonNode occurrences(String campaign) {
        var r = api.get("/v1/campaigns/" + campaign + "/occurrences", key);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().get("data");
    }

    private long messages(long campaignId) {
        return jdbc.sql("select count(*) from messages where campaign_id = :id").param("id", campaignId)
                .query(Long.class).single();
    }
}
