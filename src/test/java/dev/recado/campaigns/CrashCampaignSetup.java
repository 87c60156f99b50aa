package dev.recado.campaigns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.recado.channels.smpp.SmscSimulator;
import dev.recado.messaging.CrashRig;
import dev.recado.support.ApiClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** What the campaign crash tests set up on their first server: an SMPP sender on the simulator, credit, contacts. */
final class CrashCampaignSetup {

    private CrashCampaignSetup() {
    }

    static void senderAndCredit(ApiClient api, String key, SmscSimulator smsc, String systemId) {
        var sender = api.post("/v1/senders", key, """
                {"channel":"sms","name":"Carrier","host":"127.0.0.1","port":%d,"system_id":"%s","password":"pw",
                 "source_address":"Recado","rate_per_second":2000,"window":50,"reconcile_by_query":true,"default":true}"""
                .formatted(smsc.port(), systemId));
        assertThat(sender.status()).as(sender.body()).isEqualTo(201);
        String workspace = api.get("/v1/workspaces", CrashRig.PLATFORM_KEY).json().get("data").get(0).get("id").asString();
        assertThat(api.post("/v1/workspaces/" + workspace + "/credit", CrashRig.PLATFORM_KEY, "{\"amount\":1000}")
                .status()).isEqualTo(201);
    }

    /** {@code n} contacts numbered {@code prefix} + six digits, imported by CSV, and a segment of everyone. */
    static String contactsAndSegment(ApiClient api, String key, String prefix, int n) {
        String csv = "phone\n" + IntStream.range(0, n).mapToObj(i -> prefix + String.format("%06d", i))
                .collect(Collectors.joining("\n")) + "\n";
        var imported = api.postRaw("/v1/contacts/imports", key, "text/csv", csv.getBytes(StandardCharsets.UTF_8));
        assertThat(imported.status()).as(imported.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).until(() -> api.get("/v1/contacts/imports/" + imported.text("id"), key)
                .text("status").equals("completed"));
        return api.post("/v1/segments", key, "{\"name\":\"all\",\"conditions\":[]}").text("id");
    }
}
