package dev.recado.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recado.campaigns.CampaignManagement;
import dev.recado.campaigns.TemplateManagement;
import dev.recado.common.PublicId;
import dev.recado.contacts.ContactInput;
import dev.recado.contacts.ContactManagement;
import dev.recado.support.RecadoTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The builder's channel order: saved as the API's {@code channels[]}, resumed in order, refused by
 * field, and the review's price is the sample contact's first channel with a variant.
 */
@RecadoTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CampaignBuilderChannelsHttpTest extends NewWorkspaceSupport {

    @Autowired
    ContactManagement contacts;
    @Autowired
    CampaignManagement campaigns;
    @Autowired
    TemplateManagement templates;

    long workspaceId;
    ConsoleSession owner;
    String template;

    @BeforeAll
    void aShopWithTwoMembers() {
        var created = newWorkspace("Canales Sur", "canales@test.local", "5.00");
        workspaceId = created.workspaceId();
        owner = created.session();
        contacts.create(workspaceId, new ContactInput("+34600000911", "ana@example.com", "Ana", null, "es", null,
                List.of("club"), Map.of()), false);
        contacts.create(workspaceId, new ContactInput("+34600000912", null, "Luis", null, "es", null, List.of("club"),
                Map.of()), false);
        template = PublicId.of("tpl_", templates.create(workspaceId, "Dos canales", "marketing", List.of(
                new TemplateManagement.Variant("email", "es", null, "Hola", null, "Hola {{first_name}} por correo", null,
                        null),
                new TemplateManagement.Variant("sms", "es", "Hola {{first_name}} por SMS", null, null, null, null,
                        null))).id());
    }

    @Test
    void anOrderOfChannelsIsSavedResumedAndPricedOnTheFirstChannelWithAVariant() {
        // webchat has no variant: the sample (Ana, the first contact) is priced and previewed on email
        var live = owner.postRepeated("/campaigns/builder/live", Map.ofEntries(
                Map.entry("audience", "tag"), Map.entry("tag", "club"), Map.entry("content", "saved"), Map.entry("templateId", template)), "channels", List.of("webchat", "email", "sms"));
        assertThat(live.status()).isEqualTo(200);
        assertThat(live.body()).contains("data-count=\"2\"", "Hola Ana por correo").doesNotContain("por SMS");

        var saved = owner.postRepeated("/campaigns/builder", Map.ofEntries(
                Map.entry("name", "Orden"), Map.entry("audience", "tag"), Map.entry("tag", "club"), Map.entry("content", "saved"), Map.entry("templateId", template), Map.entry("scheduleType", "now")), "channels", List.of("email", "sms", ""));
        assertThat(saved.status()).isEqualTo(302);
        String id = saved.location().replaceAll(".*/campaigns/(cmp_[0-9a-z]+).*", "$1");
        var campaign = campaigns.require(workspaceId, PublicId.parse("cmp_", id).orElseThrow());
        assertThat(campaign.channels()).containsExactly("email", "sms");
        var resumed = owner.get("/campaigns/" + id + "/edit");
        assertThat(resumed.body()).containsPattern("id=\"channel-0\"[^>]*>(?s:.)*?value=\"email\" selected")
                .containsPattern("id=\"channel-1\"[^>]*>(?s:.)*?value=\"sms\" selected");

        var refused = owner.postRepeated("/campaigns/builder", Map.ofEntries(
                Map.entry("draftId", id), Map.entry("name", "Orden"), Map.entry("audience", "tag"), Map.entry("tag", "club"), Map.entry("content", "saved"), Map.entry("templateId", template)), "channels", List.of("sms", "sms"));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("id=\"error-channels\"");
        assertThat(campaigns.require(workspaceId, campaign.id()).channels()).containsExactly("email", "sms");

        // one channel stays a one-channel campaign
        var single = owner.postRepeated("/campaigns/builder", Map.ofEntries(
                Map.entry("draftId", id), Map.entry("name", "Orden"), Map.entry("audience", "tag"), Map.entry("tag", "club"), Map.entry("content", "saved"), Map.entry("templateId", template)), "channels", List.of("sms", ""));
        assertThat(single.status()).isEqualTo(302);
        var one = campaigns.require(workspaceId, campaign.id());
        assertThat(one.channels()).containsExactly("sms");
        assertThat(one.channel()).isEqualTo("sms");
    }
}
