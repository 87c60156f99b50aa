package dev.recado.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.recado.campaigns.CampaignFixtures;
import dev.recado.campaigns.SegmentManagement;
import dev.recado.campaigns.SegmentManagement.ChannelContent;
import dev.recado.campaigns.TemplateManagement;
import dev.recado.common.PublicId;
import dev.recado.support.ApiClient;
import dev.recado.support.ClockedRecadoTest;
import dev.recado.support.MovableClock;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * The review tells what starting would do: each recipient priced at their own destination (not
 * the sample's), who waits for quiet hours in their own zone, who is skipped at the frequency cap,
 * and who the WhatsApp service window refuses. The audience, made through the API: Ana, Eva and Fer
 * in Spain (+346: 0.04 a segment, the sample is Ana), Bob and Cal in New York (+1: 0.01), Dan in
 * Mexico City (+52: 0.03); Eva and Fer may get WhatsApp too. Quiet hours 09:00-21:00 every day,
 * the time 22:00 in Madrid (16:00 in New York, 15:00 in Mexico City), a cap of one a week that Cal
 * has used, and a WhatsApp window that only Eva opened. A second audience ("segments") gets a
 * personalised SMS whose segments differ by name and language. A campaign saved through the API on the
 * same audience and content is estimated by {@code GET /v1/campaigns/{id}/estimate} as the review shows it.
 */
@ClockedRecadoTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CampaignReviewEstimateHttpTest extends NewWorkspaceSupport {

    static final ZoneId MADRID = ZoneId.of("Europe/Madrid");
    static final String DAY = "{\"from\":\"09:00\",\"to\":\"21:00\"}";

    @Autowired
    MovableClock clock;
    @Autowired
    SegmentManagement segments;
    @Value("${recado.links.base-url}")
    String linksBase;

    ApiClient api;
    String key;
    long workspaceId;
    ConsoleSession owner;
    String email;
    String smsTemplate;
    String whatsappAndSms;
    String utilityAndSms;
    String unknownAndSms;
    ZonedDateTime night;

    @BeforeAll
    void anAudienceInThreeCountriesAtNightInMadrid() {
        api = new ApiClient(port);
        var ws = CampaignFixtures.workspaceIn(api, "Estimate", "Europe/Madrid");
        key = ws.text("api_key");
        workspaceId = PublicId.parse("ws_", ws.text("id")).orElseThrow();
        email = "estimate" + System.nanoTime() + "@test.local";
        TestUsers.createAgent(jdbc, passwords, workspaceId, email, email + "-password");
        owner = new ConsoleSession(port);
        assertThat(owner.login(email, email + "-password").location()).endsWith("/");

        person("+34600000931", "Ana", "sms");
        person("+12127365001", "Bob", "sms");
        String cal = person("+12127365002", "Cal", "sms");
        person("+525512345678", "Dan", "sms");
        person("+34600000935", "Eva", "all");
        person("+34600000936", "Fer", "all");
        contact("+34600000951", "Ana", "es", "segments", "sms");
        contact("+34600000952", "Maximiliano Bartolomeo de la Fuente", "es", "segments", "all");
        contact("+48512345678", "Łukasz", "pl", "segments", "sms");
        contact("+12127365011", null, "es", "segments", "sms");
        contact("+447911123456", "Bob", "en", "segments", "sms");

        ok(api.put("/v1/settings/frequency-cap", key, "{\"max_messages\":1,\"per_days\":7}"));
        var used = api.post("/v1/messages", key, "{\"to\":\"" + cal + "\",\"body\":\"Oferta BAJA al 600\","
                + "\"purpose\":\"marketing\"}");
        assertThat(used.status()).as(used.body()).isEqualTo(202);
        ok(api.put("/v1/settings/quiet-hours", key, "{\"windows\":{\"monday\":" + DAY + ",\"tuesday\":" + DAY
                + ",\"wednesday\":" + DAY + ",\"thursday\":" + DAY + ",\"friday\":" + DAY + ",\"saturday\":" + DAY
                + ",\"sunday\":" + DAY + "},\"holidays\":[]}"));

        night = ZonedDateTime.ofInstant(clock.instant(), MADRID).with(LocalTime.of(22, 0));
        if (!night.toInstant().isAfter(clock.instant())) {
            night = night.plusDays(1);
        }
        clock.moveTo(night.toInstant());
        // Eva writes on WhatsApp at that hour: her service window is open, Fer's never was
        var wrote = api.post("/v1/sandbox/inbound", key,
                "{\"channel\":\"whatsapp\",\"from\":\"+34600000935\",\"text\":\"Hola\"}");
        assertThat(wrote.status()).as(wrote.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("select count(*) from service_windows w"
                + " join contacts c on c.id = w.contact_id where c.workspace_id = :ws").param("ws", workspaceId)
                .query(Long.class).single() == 1);

        // the sandbox's WhatsApp twin sends only templates it holds, as Meta does: it lists hello_world
        // once connected, approves what is submitted at once, and refuses any other name
        String twin = java.util.stream.StreamSupport.stream(api.get("/v1/senders", key).json().path("data").spliterator(), false)
                .filter(s -> s.path("provider").asString().equals("sandbox_whatsapp")).findFirst().orElseThrow()
                .path("id").asString();
        await().atMost(Duration.ofSeconds(20)).until(() -> api.get("/v1/senders/" + twin + "/templates", key).json()
                .path("data").size() == 1);
        submit(twin, "rebajas", "MARKETING");
        submit(twin, "aviso_cita", "UTILITY");

        smsTemplate = templateWith("[{\"channel\":\"sms\",\"language\":\"es\",\"body\":\"Oferta BAJA al 600\"}]");
        whatsappAndSms = templateWith("[{\"channel\":\"whatsapp\",\"language\":\"es\",\"whatsapp_template\":\"rebajas\","
                + "\"params\":[\"{{first_name}}\"]},{\"channel\":\"sms\",\"language\":\"es\",\"body\":\"Oferta BAJA al 600\"}]");
        utilityAndSms = templateWith("[{\"channel\":\"whatsapp\",\"language\":\"es\",\"whatsapp_template\":\"aviso_cita\","
                + "\"params\":[\"{{first_name}}\"]},{\"channel\":\"sms\",\"language\":\"es\",\"body\":\"Oferta BAJA al 600\"}]");
        unknownAndSms = templateWith("[{\"channel\":\"whatsapp\",\"language\":\"es\",\"whatsapp_template\":\"novedades\","
                + "\"params\":[\"{{first_name}}\"]},{\"channel\":\"sms\",\"language\":\"es\",\"body\":\"Oferta BAJA al 600\"}]");
    }

    private void submit(String twin, String name, String category) {
        var created = api.post("/v1/senders/" + twin + "/templates", key, "{\"name\":\"" + name + "\",\"language\":\"es\","
                + "\"category\":\"" + category + "\",\"components\":[{\"type\":\"BODY\",\"text\":\"Hola {{1}}\","
                + "\"example\":{\"body_text\":[[\"Ana\"]]}}]}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.text("status")).isEqualTo("approved");
    }

    @Test
    void eachRecipientIsPricedAtTheirOwnDestinationAndTheHeldAndSkippedAreCounted() {
        var live = live("marketing", smsTemplate, Map.of(), "sms");
        assertThat(live.status()).isEqualTo(200);
        // five by SMS, Cal at the cap left out: 3 × 0.04 + 0.01 + 0.03, where the sample's price said 6 × 0.04
        assertThat(live.body()).contains("data-count=\"6\"")
                .containsPattern("id=\"review-reach-sms\"[^>]*>5<")
                .containsPattern("id=\"review-cost-sms\"[^>]*>€0.16<")
                .containsPattern("id=\"review-total\"[^>]*>€0.16<")
                .containsPattern("id=\"review-capped\"[^>]*>1<")
                // 22:00 in Madrid for Ana, Eva and Fer; New York and Mexico City are inside their window
                .containsPattern("id=\"review-deferred\"[^>]*>3<")
                .containsPattern("id=\"review-destination-0\"[^>]*>\\+346 by SMS: €0.12 \\(recipients: 3\\)<")
                .containsPattern("id=\"review-destination-1\"[^>]*>\\+52 by SMS: €0.03 \\(recipients: 1\\)<")
                .containsPattern("id=\"review-destination-2\"[^>]*>\\+1 by SMS: €0.01 \\(recipients: 1\\)<")
                .contains("id=\"review-note\"");

        // started tomorrow at noon in Madrid, New York (06:00) and Mexico City (05:00) wait instead
        String noon = night.plusDays(1).with(LocalTime.NOON).toLocalDateTime().toString();
        var later = live("marketing", smsTemplate, Map.of("scheduleType", "at", "at", noon), "sms");
        assertThat(later.body()).containsPattern("id=\"review-deferred\"[^>]*>2<")
                .containsPattern("id=\"review-capped\"[^>]*>1<");

        // transactional messages wait for no quiet hours and pass no cap
        var transactional = live("transactional", smsTemplate, Map.of(), "sms");
        assertThat(transactional.body()).containsPattern("id=\"review-reach-sms\"[^>]*>6<")
                .containsPattern("id=\"review-total\"[^>]*>€0.17<").doesNotContain("id=\"review-deferred\"");
    }

    @Test
    void aWhatsAppTemplateIsHeldByNoWindowAndPricedAsMarketing() {
        var live = live("marketing", whatsappAndSms, Map.of(), "whatsapp", "sms");
        // Eva and Fer by WhatsApp at the marketing template price (0.06), the rest by SMS at their own prices;
        // the sample's prices said 0.06 for each by WhatsApp and 0.04 for each by SMS
        assertThat(live.body()).containsPattern("id=\"preview-price\"[^>]*>€0.06<")
                .containsPattern("id=\"review-reach-whatsapp\"[^>]*>2<")
                .containsPattern("id=\"review-cost-whatsapp\"[^>]*>€0.12<")
                .containsPattern("id=\"review-reach-sms\"[^>]*>3<")
                .containsPattern("id=\"review-cost-sms\"[^>]*>€0.08<")
                .containsPattern("id=\"review-total\"[^>]*>€0.20<")
                .containsPattern("id=\"review-destination-0\"[^>]*>Other destinations by WhatsApp: €0.12 \\(recipients: 2\\)<")
                .contains("id=\"review-window-template\"").doesNotContain("id=\"review-outside-window\"");
    }

    @Test
    void aUtilityTemplateIsFreeInsideTheServiceWindowAndPricedOutsideIt() {
        var live = live("marketing", utilityAndSms, Map.of(), "whatsapp", "sms");
        // Eva wrote, so hers is free; Fer's window is closed: the utility price (0.02)
        assertThat(live.body()).containsPattern("id=\"review-reach-whatsapp\"[^>]*>2<")
                .containsPattern("id=\"review-cost-whatsapp\"[^>]*>€0.02<")
                .containsPattern("id=\"review-window-priced\"[^>]*>1<")
                .containsPattern("id=\"review-total\"[^>]*>€0.10<");
        // a day on, Eva's window has closed too
        var tomorrow = segments.estimate(workspaceId, "all", List.of(new SegmentManagement.Condition("tag", "has", "estimate")),
                "marketing", List.of(new ChannelContent("whatsapp", "aviso_cita", "es", 1)), clock.instant().plus(Duration.ofHours(25)));
        assertThat(tomorrow.byChannel().get("whatsapp").cost()).isEqualByComparingTo(new BigDecimal("0.04"));
        assertThat(tomorrow.windowPriced()).isZero();
    }

    @Test
    void aTemplateTheSenderDoesNotHoldIsNamedAndItsRecipientsGoToTheNextChannel() {
        var live = live("marketing", unknownAndSms, Map.of(), "whatsapp", "sms");
        // acceptance would refuse "novedades" (template_not_approved): Eva and Fer go by SMS with the rest
        assertThat(live.body()).containsPattern("id=\"review-reach-whatsapp\"[^>]*>0<")
                .containsPattern("id=\"review-reach-sms\"[^>]*>5<")
                .containsPattern("id=\"review-passed-over-0\"[^>]*>“novedades” \\(es\\): not held by the sender that"
                        + " would send it; 2 go to the next channel instead, 0 of them to none<");
        var spanish = new ConsoleSession(port);
        assertThat(spanish.login(email, email + "-password").location()).endsWith("/");
        assertThat(spanish.get("/campaigns/new?lang=es").status()).isEqualTo(200);
        var enEspanol = spanish.postRepeated("/campaigns/builder/live", Map.of("audience", "tag", "tag", "estimate",
                "content", "saved", "templateId", unknownAndSms, "purpose", "marketing"), "channels", List.of("whatsapp", "sms"));
        assertThat(enEspanol.body()).containsPattern("id=\"review-passed-over-0\"[^>]*>«novedades» \\(es\\): el remitente que"
                + " la enviaría no la tiene; 2 pasan al siguiente canal, 0 de ellos a ninguno<");

        var whatsappOnly = segments.estimate(workspaceId, "all", List.of(new SegmentManagement.Condition("tag", "has", "estimate")),
                "marketing", List.of(new ChannelContent("whatsapp", "novedades", "es", 1)), clock.instant());
        assertThat(whatsappOnly.passedOver()).containsExactly(new SegmentManagement.PassedOver("whatsapp",
                "template_not_approved", "novedades", "es", "unknown", 2, 2));
        // and acceptance refuses it the same way
        var sent = api.post("/v1/messages", key, "{\"to\":\"+34600000936\",\"channel\":\"whatsapp\","
                + "\"template\":{\"name\":\"novedades\",\"language\":\"es\"}}");
        assertThat(sent.text("code")).as(sent.body()).isEqualTo("template_not_approved");
    }

    @Test
    void freeFormWhatsAppCountsThoseOutsideTheirServiceWindowAndWhereTheyGo() {
        var everyone = List.of(new SegmentManagement.Condition("tag", "has", "estimate"));
        var order = segments.estimate(workspaceId, "all", everyone, "marketing", List.of(
                new ChannelContent("whatsapp", null, "es", 1), new ChannelContent("sms", null, "es", 1)), clock.instant());
        assertThat(order.windowChannel()).isEqualTo("whatsapp");
        assertThat(order.byChannel().get("whatsapp").recipients()).isEqualTo(1);
        // Fer is refused on WhatsApp and goes on to SMS with Ana, Bob and Dan
        assertThat(order.outsideWindow()).isEqualTo(1);
        assertThat(order.outsideWindowSkipped()).isZero();
        assertThat(order.byChannel().get("sms").recipients()).isEqualTo(4);
        assertThat(order.byChannel().get("sms").cost()).isEqualByComparingTo(new BigDecimal("0.12"));
        assertThat(order.capped()).isEqualTo(1);
        assertThat(order.deferredQuietHours()).isEqualTo(3);

        var whatsappOnly = segments.estimate(workspaceId, "all", everyone, "marketing",
                List.of(new ChannelContent("whatsapp", null, "es", 1)), clock.instant());
        assertThat(whatsappOnly.byChannel().get("whatsapp").recipients()).isEqualTo(1);
        assertThat(whatsappOnly.outsideWindowSkipped()).isEqualTo(1);
        assertThat(whatsappOnly.unreachable()).isEqualTo(4);
        // a day on, Eva's window has closed too
        var tomorrow = segments.estimate(workspaceId, "all", everyone, "marketing",
                List.of(new ChannelContent("whatsapp", null, "es", 1)), clock.instant().plus(Duration.ofHours(25)));
        assertThat(tomorrow.outsideWindow()).isEqualTo(2);
    }

    @Test
    void theApiEstimatesASavedCampaignAsTheReviewShowsIt() {
        var segment = api.post("/v1/segments", key, "{\"name\":\"estimate\",\"conditions\":[{\"field\":\"tag\","
                + "\"op\":\"has\",\"value\":\"estimate\"}]}");
        ok(segment);
        ZonedDateTime noon = night.plusDays(1).with(LocalTime.NOON);
        for (var schedule : List.of(Map.<String, String>of(), Map.of("scheduleType", "at", "at",
                noon.toLocalDateTime().toString()))) {
            String body = live("marketing", utilityAndSms, schedule, "whatsapp", "sms").body();
            var created = api.post("/v1/campaigns", key, "{\"segment_id\":\"" + segment.text("id") + "\",\"template_id\":\""
                    + utilityAndSms + "\",\"channels\":[\"whatsapp\",\"sms\"]" + (schedule.isEmpty() ? ""
                    : ",\"schedule\":{\"type\":\"at\",\"at\":\"" + noon.toInstant() + "\"}") + "}");
            ok(created);
            var r = api.get("/v1/campaigns/" + created.text("id") + "/estimate", key);
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            var e = r.json();
            var startsAt = java.time.Instant.parse(e.path("starts_at").asString());
            assertThat(startsAt).isBetween(schedule.isEmpty() ? night.toInstant() : noon.toInstant(), schedule.isEmpty()
                    ? clock.instant() : noon.toInstant());
            for (String channel : List.of("whatsapp", "sms")) {
                assertThat(e.path("by_channel").path(channel).path("recipients").asString())
                        .isEqualTo(figure(body, "review-reach-" + channel));
                assertThat(e.path("by_channel").path(channel).path("cost").decimalValue())
                        .isEqualByComparingTo(figure(body, "review-cost-" + channel).substring(1));
            }
            assertThat(e.path("total").decimalValue()).isEqualByComparingTo(figure(body, "review-total").substring(1))
                    .isEqualByComparingTo("0.10");
            assertThat(e.path("window_priced").asString()).isEqualTo(figure(body, "review-window-priced")).isEqualTo("1");
            assertThat(e.path("capped").asString()).isEqualTo(figure(body, "review-capped")).isEqualTo("1");
            // at night in Madrid the three there wait; at noon New York and Mexico City do
            assertThat(e.path("deferred_quiet_hours").asString()).isEqualTo(figure(body, "review-deferred"))
                    .isEqualTo(schedule.isEmpty() ? "3" : "2");
        }
    }

    private static String figure(String page, String id) {
        var m = java.util.regex.Pattern.compile("id=\"" + id + "\"[^>]*>([^<]+)<").matcher(page);
        assertThat(m.find()).as(id).isTrue();
        return m.group(1);
    }

    static final String PERSONAL = "Hola {{first_name | default: \"cliente\"}}, esta semana tienes un 20% de descuento"
            + " en toda la tienda: https://tienda.example/rebajas";

    @Test
    void eachRecipientsSmsIsPricedAtTheSegmentsOfTheirOwnText() {
        // what each one receives, written out here: their name, a short link of the real length and the
        // marketing footer in their language (without the accent while the rest is GSM)
        String link = linksBase + "/l/" + "x".repeat(10);
        Map<String, String> texts = new java.util.LinkedHashMap<>();
        texts.put("346", personal("Ana", link, "Responde BAJA para no recibir mas mensajes"));
        texts.put("346 long", personal("Maximiliano Bartolomeo de la Fuente", link,
                "Responde BAJA para no recibir mas mensajes"));
        texts.put("48", personal("Łukasz", link, "Reply STOP to opt out"));
        texts.put("1", personal("cliente", link, "Responde BAJA para no recibir mas mensajes"));
        texts.put("44", personal("Bob", link, "Reply STOP to opt out"));
        // the platform's price list (V2): +346 0.04, +1 0.01, +44 0.038; Poland has no row, the default 0.06
        Map<String, BigDecimal> price = Map.of("346", new BigDecimal("0.04"), "346 long", new BigDecimal("0.04"),
                "48", new BigDecimal("0.06"), "1", new BigDecimal("0.01"), "44", new BigDecimal("0.038"));
        Map<String, Integer> counted = new java.util.LinkedHashMap<>();
        texts.forEach((who, text) -> counted.put(who, segmentsOf(text)));
        assertThat(counted).containsEntry("346", 1).containsEntry("346 long", 2).containsEntry("48", 2)
                .containsEntry("1", 1).containsEntry("44", 1);
        BigDecimal expected = counted.entrySet().stream().map(e -> price.get(e.getKey())
                .multiply(BigDecimal.valueOf(e.getValue()))).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal mean = BigDecimal.valueOf(counted.values().stream().mapToInt(Integer::intValue).sum())
                .divide(BigDecimal.valueOf(counted.size()), 2, RoundingMode.HALF_UP);

        var sms = new ChannelContent("sms", null, "es", 1, List.of(new TemplateManagement.Variant("sms", "es",
                PERSONAL, null, null, null, null, null)));
        var audience = List.of(new SegmentManagement.Condition("tag", "has", "segments"));
        var estimate = segments.estimate(workspaceId, "all", audience, "marketing", List.of(sms), clock.instant());
        assertThat(estimate.byChannel().get("sms").recipients()).isEqualTo(5);
        // the sample (Ana, one segment) would have said 0.188
        assertThat(estimate.byChannel().get("sms").cost()).isEqualByComparingTo(expected);
        assertThat(estimate.total()).isEqualByComparingTo(expected);
        var spread = estimate.segments().get("sms");
        assertThat(spread.min()).isEqualTo(1);
        assertThat(spread.max()).isEqualTo(2);
        assertThat(spread.mean()).isEqualByComparingTo(mean);
        assertThat(spread.sampled()).isFalse();
        assertThat(spread.sampleSize()).isEqualTo(5);
        // Poland's two UCS-2 segments are its destination's cost
        assertThat(estimate.topDestinations()).contains(new SegmentManagement.DestinationEstimate("sms", "",
                1, new BigDecimal("0.12")));

        // cheapest: Maximiliano's two segments (0.08) cost more than WhatsApp's marketing template (0.06)
        var cheapest = segments.estimate(workspaceId, "all", audience, "marketing", List.of(sms,
                new ChannelContent("whatsapp", "rebajas", "es", 1)), true, clock.instant());
        assertThat(cheapest.byChannel().get("whatsapp").recipients()).isEqualTo(1);
        assertThat(cheapest.byChannel().get("sms").recipients()).isEqualTo(4);
        assertThat(cheapest.byChannel().get("sms").cost()).isEqualByComparingTo(expected.subtract(new BigDecimal("0.08")));
        assertThat(cheapest.segments().get("sms").max()).isEqualTo(2);

        // the builder's review renders the same texts and says how they count
        String template = templateWith("[{\"channel\":\"sms\",\"language\":\"es\",\"body\":\""
                + PERSONAL.replace("\"", "\\\"") + "\"}]");
        var form = Map.of("audience", "tag", "tag", "segments", "content", "saved", "templateId", template,
                "purpose", "marketing");
        var live = owner.postRepeated("/campaigns/builder/live", form, "channels", List.of("sms"));
        assertThat(live.body()).containsPattern("id=\"review-cost-sms\"[^>]*>€" + expected.stripTrailingZeros()
                        .toPlainString().replace(".", "\\.") + "<")
                .containsPattern("id=\"review-segments-sms\"[^>]*>1 to 2 \\(mean " + mean.stripTrailingZeros()
                        .toPlainString().replace(".", "\\.") + "\\)<")
                .doesNotContain("id=\"review-segments-sampled-sms\"");
        var spanish = new ConsoleSession(port);
        assertThat(spanish.login(email, email + "-password").location()).endsWith("/");
        assertThat(spanish.get("/campaigns/new?lang=es").status()).isEqualTo(200);
        assertThat(spanish.postRepeated("/campaigns/builder/live", form, "channels", List.of("sms")).body())
                .containsPattern("id=\"review-segments-sms\"[^>]*>De 1 a 2 \\(media " + mean.stripTrailingZeros()
                        .toPlainString().replace(".", ",") + "\\)<");
    }

    private static String personal(String name, String link, String footer) {
        return "Hola " + name + ", esta semana tienes un 20% de descuento en toda la tienda: " + link + "\n" + footer;
    }

    /**
     * Segments as the SMS standard counts them, for texts of plain letters, digits, {@code ,.:/%} and
     * line breaks (one GSM septet each) or, with any other character, UCS-2: 160 or 70 characters
     * in one segment, 153 or 67 a segment when concatenated.
     */
    static int segmentsOf(String text) {
        boolean gsm = text.matches("[A-Za-z0-9 ,.:/%\n]*");
        int single = gsm ? 160 : 70;
        int multi = gsm ? 153 : 67;
        return text.length() <= single ? 1 : (text.length() + multi - 1) / multi;
    }

    private ConsoleSession.Page live(String purpose, String template, Map<String, String> more, String... channels) {
        var form = new java.util.HashMap<>(Map.of("audience", "tag", "tag", "estimate", "content", "saved",
                "templateId", template, "purpose", purpose));
        form.putAll(more);
        return owner.postRepeated("/campaigns/builder/live", form, "channels", List.of(channels));
    }

    private String person(String phone, String name, String consentChannel) {
        return contact(phone, name, "es", "estimate", consentChannel);
    }

    private String contact(String phone, String name, String language, String tag, String consentChannel) {
        var r = api.post("/v1/contacts", key, "{\"phone\":\"" + phone + "\""
                + (name == null ? "" : ",\"first_name\":\"" + name + "\"")
                + ",\"language\":\"" + language + "\",\"tags\":[\"" + tag + "\"]}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        ok(api.post("/v1/contacts/" + r.text("id") + "/consents", key, "{\"channel\":\"" + consentChannel
                + "\",\"purpose\":\"marketing\",\"status\":\"opted_in\",\"source\":\"form\",\"evidence\":\"test\"}"));
        return r.text("id");
    }

    private String templateWith(String variants) {
        var r = api.post("/v1/templates", key, "{\"name\":\"Estimate\",\"purpose\":\"marketing\",\"variants\":" + variants + "}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.text("id");
    }

    private static void ok(ApiClient.Response r) {
        assertThat(r.status()).as(r.body()).isBetween(200, 201);
    }
}
