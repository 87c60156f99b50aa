package dev.recado.channels.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recado.support.RecadoTest;
import org.junit.jupiter.api.Test;

/** An agent typing a reply: the read status with a typing indicator on the customer's message, as Meta takes it. */
@RecadoTest
class WhatsAppTypingApiTest extends WhatsAppTestBase {

    @Test
    void typingAReplyPostsTheTypingIndicatorOnTheCustomersMessageOncePerInterval() {
        String customer = WhatsAppFixture.newCustomer();
        wa.customerWrites(customer, "¿Me guardáis unas zapatillas?");
        var inbound = jdbc.sql("""
                select m.id, p.provider_id from message_parts p join messages m on m.id = p.message_id
                 where m.sender_id = :s and m.from_address = :f""").param("s", wa.senderId()).param("f", "+" + customer)
                .query((rs, n) -> new String[] {"msg_" + Long.toString(rs.getLong(1), 36), rs.getString(2).substring(3)})
                .single();

        var shown = wa.api.post("/v1/messages/" + inbound[0] + "/typing", wa.key, "");
        assertThat(shown.status()).as(shown.body()).isEqualTo(200);
        assertThat(shown.text("typing")).isEqualTo("shown");
        assertThat(wa.graph.typing).containsExactly(inbound[1]);
        assertThat(wa.api.post("/v1/messages/" + inbound[0] + "/typing", wa.key, "").text("typing")).isEqualTo("throttled");
        assertThat(wa.graph.typing).containsExactly(inbound[1]);
    }
}
