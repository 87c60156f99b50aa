package dev.recado.common;

import static dev.recado.common.ApiDocsConfig.example;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import java.util.List;
import java.util.Map;

/**
 * What the Java types of the API cannot tell the document: required fields, enums carried in
 * string fields, the success status of operations that answer through ResponseEntity, an example
 * request for every operation that takes a body (the contract test sends each one), the CSV import
 * body and the provider-specific sender settings.
 */
@SuppressWarnings({"rawtypes", "unchecked"})
final class ApiDocsShapes {

    private ApiDocsShapes() {
    }

    static final Map<String, String> SUCCESS = Map.of(
            "POST /v1/contacts", "201",
            "DELETE /v1/contacts/{id}", "204",
            "POST /v1/messages", "202",
            "POST /v1/contacts/imports", "202",
            "POST /v1/sandbox/inbound", "202",
            "POST /v1/contacts/{id}/telegram-link", "201",
            "DELETE /v1/webhooks/{id}", "204",
            "DELETE /v1/senders/{id}", "204",
            "DELETE /v1/templates/{id}", "204",
            "DELETE /v1/segments/{id}", "204");

    static final Map<String, List<String>> REQUIRED = Map.ofEntries(
            Map.entry("CreateWorkspace", List.of("name")),
            Map.entry("CreateWebhook", List.of("url", "events")),
            Map.entry("CreateKey", List.of("name")),
            Map.entry("ConsentRequest", List.of("channel", "purpose", "status")),
            Map.entry("SendRequest", List.of("to")),
            // text, except for a Telegram button press (callback_data)
            Map.entry("Inbound", List.of("from")),
            Map.entry("CreditRequest", List.of("amount")),
            Map.entry("CreateUser", List.of("email", "name", "role", "password")),
            Map.entry("SenderRequest", List.of("channel", "name")),
            Map.entry("CreateTemplate", List.of("name", "variants")),
            Map.entry("PreviewRequest", List.of("contact")),
            Map.entry("CreateSegment", List.of("name")),
            Map.entry("CreateCampaign", List.of("segment_id", "template_id")),
            Map.entry("NewLandingPage", List.of("campaign_id", "slug", "title")));

    static final Map<String, Map<String, List<String>>> STRING_ENUMS = Map.of(
            "SendRequest", Map.of("channel", List.of("sms", "whatsapp", "email", "rcs", "telegram", "webchat", "auto", "cheapest"),
                    "purpose", List.of("marketing", "transactional")),
            "Inbound", Map.of("channel", List.of("sms", "whatsapp", "rcs", "telegram")),
            "CreateUser", Map.of("role", List.of("admin", "agent")),
            "SenderRequest", Map.of("channel", List.of("sms"), "provider", List.of("smpp"),
                    "binds", List.of("trx", "tx_rx"), "concatenation", List.of("udh", "sar")),
            "NewLandingPage", Map.of("form", List.of("none", "conversion", "consent")));

    static final Map<String, Object> EXAMPLES = Map.ofEntries(
            Map.entry("POST /v1/workspaces", example("name", "Clínica Sol", "default_country", "ES", "brand_color", "#1a7f5a")),
            Map.entry("PATCH /v1/workspaces/{id}", example("brand_color", "#1a7f5a", "suspended", false)),
            Map.entry("POST /v1/workspaces/{id}/credit", example("amount", 25.5, "reference", "INV-2026-001")),
            Map.entry("POST /v1/billing/topup-requests", example("amount", 50, "note", "Paid by transfer, ref. 4411")),
            Map.entry("POST /v1/topup-requests/{id}/credit", example("description", "Transfer 4411 received")),
            Map.entry("POST /v1/api-keys", example("name", "CRM", "scope", "full")),
            Map.entry("POST /v1/users", example("email", "agent@clinica.example", "name", "Ana", "role", "agent",
                    "password", "a-long-passphrase")),
            Map.entry("POST /v1/contacts", example("phone", "612 345 678", "first_name", "Lucía", "tags", List.of("vip"),
                    "attributes", example("city", "Madrid"))),
            Map.entry("PATCH /v1/contacts/{id}", example("last_name", "García", "tags", List.of("vip", "clientes"))),
            Map.entry("POST /v1/contacts/{id}/consents", example("channel", "sms", "purpose", "marketing", "status",
                    "opted_in", "source", "form", "evidence", "Shop form, 2026-11-21")),
            Map.entry("POST /v1/messages", example("to", "+34699111222", "body",
                    "Su cita es mañana a las 10:00. Responda BAJA para no recibir más.")),
            Map.entry("POST /v1/messages/batch", example("messages", List.of(
                    example("to", "+34699111222", "body", "Mañana cerramos a las 14:00", "client_ref", "aviso-1"),
                    example("to", "+34699111223", "body", "Su pedido ha salido", "client_ref", "aviso-2")))),
            Map.entry("PATCH /v1/senders/{id}", example("name", "Carrier (backup)", "rate_per_second", 50)),
            // Meta's own component shape; a sender whose provider takes no submissions answers 422
            Map.entry("POST /v1/senders/{id}/templates", example("name", "order_ready", "language", "es", "category",
                    "UTILITY", "components", List.of(
                            example("type", "BODY", "text", "Hola {{1}}, tu pedido {{2}} está listo.", "example",
                                    example("body_text", List.of(List.of("Lucía", "4411")))),
                            example("type", "BUTTONS", "buttons", List.of(example("type", "QUICK_REPLY", "text",
                                    "Gracias")))))),
            Map.entry("POST /v1/webhooks", example("url", "https://crm.example.com/recado", "events",
                    List.of("message.status", "message.inbound"))),
            Map.entry("POST /v1/senders", example("channel", "sms", "name", "Carrier", "host", "smpp.example.net",
                    "port", 2775, "system_id", "acme", "password", "s3cret", "source_address", "ACME", "binds", "trx",
                    "window", 20, "rate_per_second", 100)),
            Map.entry("POST /v1/sandbox/inbound", example("channel", "sms", "from", "+34612345678", "text", "BAJA")),
            Map.entry("POST /v1/templates", example("name", "Rebajas", "purpose", "marketing", "variants", List.of(
                    example("channel", "sms", "language", "es", "body",
                            "Hola {{first_name | default: \"cliente\"}}, 2x1 este finde en {{attributes.city}}"),
                    example("channel", "email", "language", "es", "subject", "Rebajas", "text", "Hola {{first_name}}")))),
            // ids in these examples are placeholders: the contract test swaps in rows of its own workspace
            Map.entry("PATCH /v1/templates/{id}", example("name", "Rebajas de verano")),
            Map.entry("PATCH /v1/segments/{id}", example("name", "VIP Madrid y Sevilla", "match", "any")),
            Map.entry("POST /v1/templates/{id}/preview", example("contact", "ct_1", "channel", "sms", "language", "es",
                    "smart_encoding", true)),
            Map.entry("POST /v1/segments", example("name", "VIP Madrid", "match", "all", "conditions", List.of(
                    example("field", "tag", "op", "has", "value", "vip"),
                    example("field", "attributes.city", "op", "eq", "value", "Madrid"),
                    example("field", "consent.sms.marketing", "op", "eq", "value", "opted_in")))),
            Map.entry("PUT /v1/settings/quiet-hours", example("windows", example("monday", example("from", "09:00", "to",
                    "21:00"), "saturday", example("from", "10:00", "to", "14:00"), "sunday", null), "holidays",
                    List.of("2026-12-25", "2027-01-01"))),
            Map.entry("PUT /v1/settings/frequency-cap", example("max_messages", 3, "per_days", 7)),
            Map.entry("PUT /v1/settings/media-retention", example("media_retention_days", 30)),
            Map.entry("POST /v1/campaigns", example("name", "Rebajas de enero", "segment_id", "seg_1", "template_id",
                    "tpl_1", "channel", "sms", "purpose", "marketing", "rate_per_minute", 600, "schedule",
                    example("type", "at", "at", "2030-01-07T09:00:00Z"))),
            // a merge patch of a draft: the fields left out keep their values
            Map.entry("PATCH /v1/campaigns/{id}", example("name", "Rebajas de enero (2.ª semana)", "rate_per_minute", 300,
                    "schedule", example("type", "at", "at", "2030-01-14T09:00:00Z"))),
            Map.entry("POST /v1/campaigns/{id}/test", example("to", List.of("+34612345678", "ct_1"))),
            Map.entry("POST /v1/landing-pages", example("campaign_id", "cmp_1", "slug", "rebajas-enero", "title",
                    "Rebajas de enero", "text", "Un 10% en tu próxima compra", "image_url", "https://cdn.example/rebajas.png",
                    "button_label", "Ver tienda", "button_url", "https://shop.example", "form", "conversion")));

    static void apply(OpenAPI api) {
        Map<String, Schema> schemas = api.getComponents().getSchemas();
        schemas.put("SenderRequest", senderRequest());
        if (schemas.get("CreateCampaign") instanceof Schema create && schemas.containsKey("CampaignPatch")) {
            // the patch record holds the bound body and the names given; the wire is POST's fields, none required
            schemas.put("CampaignPatch", new Schema<>().type("object").properties(create.getProperties())
                    .description("A merge patch of a draft: a field given (null included) replaces the draft's, a"
                            + " field left out keeps it; channel and channels are replaced together; ab_test null"
                            + " removes the A/B test, from null goes back to the channel's default sender"));
        }
        REQUIRED.forEach((name, fields) -> {
            if (schemas.containsKey(name)) {
                schemas.get(name).setRequired(fields);
            }
        });
        STRING_ENUMS.forEach((name, fields) -> {
            Schema schema = schemas.get(name);
            if (schema != null && schema.getProperties() != null) {
                fields.forEach((field, values) -> {
                    Schema property = (Schema) schema.getProperties().get(field);
                    if (property != null) {
                        property.setEnum(values);
                    }
                });
            }
        });
        Schema events = schemas.get("CreateWebhook") == null ? null
                : (Schema) schemas.get("CreateWebhook").getProperties().get("events");
        if (events != null && events.getItems() != null) {
            events.getItems().setEnum(List.of("message.status", "message.inbound", "contact.opted_out",
                    "conversation.*", "campaign.*", "message.*", "contact.*"));
        }
        nullable(schemas, "next_cursor");
        nullable(Map.of("LedgerEntry", schemas.get("LedgerEntry")), "reference");
        nullable(Map.of("LedgerEntry", schemas.get("LedgerEntry")), "description");
        nullable(Map.of("LedgerEntry", schemas.get("LedgerEntry")), "quantity");
        for (String field : List.of("note", "credited_at", "ledger_entry_id")) {
            nullable(Map.of("TopupResponse", schemas.get("TopupResponse")), field);
        }
        anyValues(schemas);
        Map.of("CampaignResponse", List.of("from", "rate_per_minute", "failure", "started_at", "finished_at"),
                "Schedule", List.of("at", "every_days", "weekdays", "at_local_time", "timezone", "until", "count"),
                "TemplatePreview", List.of("subject", "encoding"),
                "FrequencyCapSettings", List.of("max_messages", "per_days"),
                "MediaRetentionSettings", List.of("media_retention_days"),
                "OccurrenceResponse", List.of("due_at", "finished_at"),
                "LandingPageResponse", List.of("text", "image_url", "button_label", "button_url"),
                "CampaignEstimateResponse", List.of("window_channel"),
                "PassedOver", List.of("template", "language", "status"))
                .forEach((name, fields) -> fields.forEach(f -> nullable(Map.of(name, schemas.get(name)), f)));
        if (schemas.get("SenderResponse") instanceof Schema sender && sender.getProperties() != null) {
            // the provider's derived fields are top-level fields of their own; email's is dkim
            sender.getProperties().remove("derived");
            Schema dkim = new Schema<>().types(new java.util.LinkedHashSet<>(List.of("object")))
                    .description("email senders with a DKIM key: the TXT record to publish at dns_name, and whether"
                            + " the signature aligns with the From address for DMARC: algorithm rsa-sha256 or ed25519-sha256,"
                            + " dmarc_alignment strict, relaxed or none, dmarc_warning only when none");
            for (String field : List.of("domain", "selector", "algorithm", "dns_name", "dns_record", "dmarc_alignment",
                    "dmarc_warning")) {
                dkim.addProperty(field, new Schema<>().types(new java.util.LinkedHashSet<>(List.of("string"))));
            }
            sender.getProperties().put("dkim", dkim);
        }
        if (schemas.get("SegmentCondition") instanceof Schema condition && condition.getProperties() != null) {
            // a tag or text, a number of days or points, or true/false for exists
            condition.getProperties().put("value", new Schema<>().types(new java.util.LinkedHashSet<>(
                    List.of("string", "number", "integer", "boolean"))));
        }
        api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, op) -> {
            String key = method.name() + " " + path;
            if (key.equals("POST /v1/senders")) {
                op.setRequestBody(json(new Schema<>().$ref("#/components/schemas/SenderRequest")));
            }
            if (key.equals("POST /v1/contacts/imports")) {
                describeImport(op);
            }
            Object example = EXAMPLES.get(key);
            if (example != null && op.getRequestBody() != null && op.getRequestBody().getContent() != null) {
                MediaType json = op.getRequestBody().getContent().get("application/json");
                if (json != null) {
                    json.setExample(example);
                }
            }
        }));
    }

    /** Fields written as null: page cursors on the last page, optional ledger texts, a top-up not yet credited. */
    private static void nullable(Map<String, Schema> schemas, String field) {
        schemas.values().forEach(schema -> {
            if (schema != null && schema.getProperties() != null && schema.getProperties().get(field) instanceof Schema property) {
                // keeps the field's own type (a string, an integer...) and adds null
                String type = property.getType() != null ? property.getType()
                        : property.getTypes() != null && !property.getTypes().isEmpty()
                                ? (String) property.getTypes().iterator().next() : "string";
                property.setTypes(new java.util.LinkedHashSet<>(List.of(type, "null")));
                property.setType(null);
            }
        });
    }

    /** Map<String, Object> fields (attributes, metadata, settings) take any JSON value, not only objects. */
    private static void anyValues(Map<String, Schema> schemas) {
        schemas.values().forEach(schema -> {
            if (schema.getProperties() != null) {
                schema.getProperties().values().forEach(p -> {
                    if (((Schema) p).getAdditionalProperties() instanceof Schema values && values.get$ref() == null
                            && values.getProperties() == null) {
                        ((Schema) p).setAdditionalProperties(Boolean.TRUE);
                    }
                });
            }
        });
    }

    private static RequestBody json(Schema schema) {
        return new RequestBody().required(true)
                .content(new Content().addMediaType("application/json", new MediaType().schema(schema)));
    }

    private static Schema senderRequest() {
        Schema s = new Schema<>().type("object").description("A sender account: common fields, then the provider's"
                + " settings (SMPP shown; a setting the provider does not take is refused). Secrets are never returned.");
        s.addProperty("channel", new Schema<>().type("string"));
        s.addProperty("provider", new Schema<>().type("string").description("default smpp for sms"));
        s.addProperty("name", new Schema<>().type("string").maxLength(200));
        s.addProperty("default", new Schema<>().type("boolean").description("the channel's default sender (default true)"));
        s.addProperty("rate_per_second", new Schema<>().type("integer").minimum(java.math.BigDecimal.ONE));
        s.addProperty("window", new Schema<>().type("integer").minimum(java.math.BigDecimal.ONE));
        s.addProperty("host", new Schema<>().type("string").maxLength(255)
                .description("internal addresses need the platform operator's allow_private_hosts"));
        s.addProperty("port", new Schema<>().type("integer"));
        s.addProperty("system_id", new Schema<>().type("string").maxLength(15));
        s.addProperty("password", new Schema<>().type("string").maxLength(8).writeOnly(true));
        s.addProperty("system_type", new Schema<>().type("string").maxLength(12));
        s.addProperty("source_address", new Schema<>().type("string").maxLength(20));
        s.addProperty("binds", new Schema<>().type("string"));
        s.addProperty("concatenation", new Schema<>().type("string"));
        for (String flag : List.of("registered_delivery", "reconcile_by_query")) {
            s.addProperty(flag, new Schema<>().type("boolean"));
        }
        for (String number : List.of("source_ton", "source_npi", "enquire_link_seconds", "reconnect_min_ms",
                "reconnect_max_ms", "submit_timeout_seconds")) {
            s.addProperty(number, new Schema<>().type("integer"));
        }
        s.addProperty("receipt_id_format", new Schema<>().type("string"));
        return s;
    }

    private static void describeImport(Operation op) {
        Schema file = new Schema<>().type("object").addProperty("file", new Schema<>().type("string").format("binary"));
        file.setRequired(List.of("file"));
        op.setRequestBody(new RequestBody().required(true).description("The CSV itself (UTF-8, Latin-1, or UTF-16/32 with"
                + " a byte order mark; comma, semicolon or tab), or a form with the file in the part named file")
                .content(new Content()
                        .addMediaType("text/csv", new MediaType().schema(new Schema<>().type("string"))
                                .example("phone,first_name,email\n+34611000111,Lucía,lucia@example.com\n"))
                        .addMediaType("multipart/form-data", new MediaType().schema(file))));
        op.setParameters(new java.util.ArrayList<>(List.of(
                query("file_name", "shown in the import's status", null),
                query("encoding", "utf-8 or latin-1 (detected when absent)", List.of("utf-8", "latin-1")),
                query("delimiter", ", ; | or tab (detected when absent)", null),
                query("map", "header:field pairs, repeatable, e.g. Móvil:phone", null),
                query("tags", "comma-separated tags for every row", null),
                query("consent_channel", "record consent evidence for every row",
                        List.of("sms", "whatsapp", "email", "rcs", "telegram", "webchat", "all")),
                query("consent_purpose", "with consent_channel", List.of("marketing", "transactional")),
                query("consent_evidence", "how these people opted in", null),
                query("update_existing", "update contacts that exist (default true)", List.of("true", "false")))));
    }

    private static Parameter query(String name, String description, List<String> values) {
        Schema schema = new Schema<>().type("string");
        if (values != null) {
            schema.setEnum(values);
        }
        return new Parameter().in("query").name(name).description(description).required(false).schema(schema);
    }
}
