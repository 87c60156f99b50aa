package dev.recado.channels.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.recado.common.PublicId;
import dev.recado.support.RecadoTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Customers' files and read marks over real sockets: the webhook names a media id, Recado asks the
 * local Graph for its url, downloads it with the token, checks size and digest, keeps it by content,
 * and serves it at {@code /v1/messages/{id}/media}; every stored message is marked read at Meta.
 */
@RecadoTest
class WhatsAppInboundMediaApiTest extends WhatsAppTestBase {

    private static byte[] bytes(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    private String postMedia(String customer, String kind, String mediaId, String sha, String extra) {
        String wamid = "wamid.media." + mediaId;
        var r = wa.post(wa.inbound(customer, wamid, "\"type\":\"%s\",\"%s\":{%s\"mime_type\":\"image/jpeg\",\"sha256\":\"%s\",\"id\":\"%s\"}"
                .formatted(kind, kind, extra, sha, mediaId)));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> wa.inboundCount(customer) == 1);
        long id = jdbc.sql("select id from messages where direction = 'inbound' and sender_id = :s and from_address = :f")
                .param("s", wa.senderId()).param("f", "+" + customer).query(Long.class).single();
        return PublicId.of("msg_", id);
    }

    private String mediaStatus(String message) {
        return wa.api.get("/v1/messages/" + message, wa.key).json().path("media").path("status").asString("");
    }

    private HttpResponse<byte[]> download(String message) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(wa.api.url("/v1/messages/" + message + "/media")))
                .header("Authorization", "Bearer " + wa.key).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void anImageWithItsCaptionIsDownloadedCheckedAndServed() throws Exception {
        String customer = WhatsAppFixture.newCustomer();
        byte[] photo = bytes(2_500_000, 1);
        wa.graph.mediaFile("1166001", photo, "image/jpeg", 0);
        String message = postMedia(customer, "image", "1166001", GraphApiServer.sha256(photo), "\"caption\":\"Mi pedido llegó roto\",");
        await().atMost(Duration.ofSeconds(20)).until(() -> mediaStatus(message).equals("stored"));
        var m = wa.api.get("/v1/messages/" + message, wa.key).json();
        assertThat(m.path("body").asString()).isEqualTo("Mi pedido llegó roto");
        assertThat(m.path("media").path("kind").asString()).isEqualTo("image");
        assertThat(m.path("media").path("caption").asString()).isEqualTo("Mi pedido llegó roto");
        assertThat(m.path("media").path("sha256").asString()).isEqualTo(GraphApiServer.sha256(photo));
        assertThat(m.path("media").path("size").asLong()).isEqualTo(photo.length);
        assertThat(m.path("media").path("url").asString()).endsWith("/v1/messages/" + message + "/media");
        var file = download(message);
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        assertThat(file.body()).isEqualTo(photo);
        // another workspace does not see it
        String otherKey = wa.api.newWorkspace("Other " + System.nanoTime());
        assertThat(wa.api.get("/v1/messages/" + message + "/media", otherKey).status()).isEqualTo(404);
    }

    @Test
    void aFailingDownloadKeepsTheMessageAndIsRetriedUntilItWorks() throws Exception {
        String customer = WhatsAppFixture.newCustomer();
        byte[] pdf = bytes(300_000, 2);
        wa.graph.mediaFile("2277002", pdf, "application/pdf", 2);
        String message = postMedia(customer, "document", "2277002", GraphApiServer.sha256(pdf), "\"filename\":\"factura.pdf\",");
        // the message is there at once, its file still owed
        assertThat(wa.api.get("/v1/messages/" + message, wa.key).json().path("media").path("id").asString()).isEqualTo("2277002");
        await().atMost(Duration.ofSeconds(30)).until(() -> mediaStatus(message).equals("stored"));
        assertThat(wa.graph.downloads.stream().filter("2277002"::equals).count()).isEqualTo(3);
        assertThat(wa.api.get("/v1/messages/" + message, wa.key).json().path("media").path("filename").asString())
                .isEqualTo("factura.pdf");
        assertThat(download(message).body()).isEqualTo(pdf);
    }

    @Test
    void aFileLargerThanTheLimitIsRefusedWithoutStoringAnything() throws Exception {
        String customer = WhatsAppFixture.newCustomer();
        byte[] huge = bytes((5 << 20) + 1, 3);
        wa.graph.mediaFile("3388003", huge, "image/jpeg", 0);
        String message = postMedia(customer, "image", "3388003", GraphApiServer.sha256(huge), "");
        await().atMost(Duration.ofSeconds(20)).until(() -> mediaStatus(message).equals("failed"));
        assertThat(wa.api.get("/v1/messages/" + message, wa.key).json().path("media").path("error").asString())
                .contains("5242880");
        assertThat(wa.graph.downloads).doesNotContain("3388003");
        // a file whose size is misstated is cut off at the limit as it arrives
        byte[] lying = bytes((5 << 20) + 10, 4);
        wa.graph.mediaFile("3388004", lying, "image/jpeg", GraphApiServer.sha256(lying), 1000);
        String second = postMediaFrom(WhatsAppFixture.newCustomer(), "3388004", GraphApiServer.sha256(lying));
        await().atMost(Duration.ofSeconds(20)).until(() -> mediaStatus(second).equals("failed"));
        assertThat(wa.graph.downloads).contains("3388004");
        assertThat(jdbc.sql("select count(*) from media_files where sha256 in (:a, :b)")
                .param("a", GraphApiServer.sha256(huge)).param("b", GraphApiServer.sha256(lying)).query(Long.class).single())
                .isZero();
        assertThat(download(message).statusCode()).isEqualTo(404);
    }

    private String postMediaFrom(String customer, String mediaId, String sha) {
        return postMedia(customer, "image", mediaId, sha, "");
    }

    @Test
    void aFileWhoseDigestDoesNotMatchIsNotKept() {
        String customer = WhatsAppFixture.newCustomer();
        byte[] sticker = bytes(20_000, 5);
        String stated = GraphApiServer.sha256(bytes(20_000, 6));
        wa.graph.mediaFile("4499005", sticker, "image/webp", stated, sticker.length);
        String message = postMedia(customer, "sticker", "4499005", stated, "");
        await().atMost(Duration.ofSeconds(20)).until(() -> wa.graph.downloads.stream().filter("4499005"::equals).count() >= 2);
        assertThat(mediaStatus(message)).isEqualTo("pending");
        assertThat(jdbc.sql("select last_error from inbound_tasks where kind = 'media' and ref = '4499005'")
                .query(String.class).single()).contains("SHA-256");
        assertThat(jdbc.sql("select count(*) from media_files where sha256 = :s").param("s", GraphApiServer.sha256(sticker))
                .query(Long.class).single()).isZero();
    }

    @Test
    void everyStoredMessageIsMarkedReadAtMetaUnlessTheSenderSaysNot() throws Exception {
        String customer = WhatsAppFixture.newCustomer();
        wa.customerWrites(customer, "¿Tenéis talla 42?");
        String wamid = jdbc.sql("""
                select p.provider_id from message_parts p join messages m on m.id = p.message_id
                 where m.sender_id = :s and m.from_address = :f""").param("s", wa.senderId()).param("f", "+" + customer)
                .query(String.class).single().substring("mo:".length());
        await().atMost(Duration.ofSeconds(20)).until(() -> wa.graph.reads.contains(wamid));
        assertThat(wa.graph.reads.stream().filter(wamid::equals).count()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from inbound_tasks where ref = :w").param("w", wamid).query(Long.class).single())
                .isZero();

        try (var quiet = new WhatsAppFixture(wa.api, jdbc)) {
            var patched = quiet.api.patch("/v1/senders/" + quiet.sender, quiet.key, "{\"mark_read\":false}");
            assertThat(patched.status()).as(patched.body()).isEqualTo(200);
            assertThat(quiet.api.patch("/v1/senders/" + quiet.sender, quiet.key, "{\"mark_read\":\"no\"}").json()
                    .path("errors").path(0).path("field").asString()).isEqualTo("mark_read");
            String other = WhatsAppFixture.newCustomer();
            quiet.customerWrites(other, "Hola");
            // no read task is stored with the message, so none can ever be sent
            assertThat(jdbc.sql("""
                    select count(*) from inbound_tasks t join messages m on m.id = t.message_id
                     where m.sender_id = :s""").param("s", quiet.senderId()).query(Long.class).single()).isZero();
            assertThat(quiet.graph.reads).isEmpty();
        }
    }
}
