package dev.recado.channels.rcs.internal;

import static dev.recado.messaging.spi.SettingChecks.baseUrl;
import static dev.recado.messaging.spi.SettingChecks.optional;
import static dev.recado.messaging.spi.SettingChecks.required;
import static dev.recado.messaging.spi.SettingChecks.string;
import static dev.recado.messaging.spi.SettingChecks.unknown;

import dev.recado.common.FieldProblem;
import dev.recado.common.Redacted;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One RBM agent. {@code agent_id} names it in every call; calls are authorised by a token minted from
 * {@code service_account_json} (the key file Google gives for the agent's service account) or, when
 * the token is minted elsewhere, by {@code access_token}. {@code client_token} is what Google shows
 * when the webhook is configured: it signs the events RBM posts. {@code api_base_url} points at another
 * RBM endpoint (a regional one, a test server).
 */
public record RbmSettings(String agentId, String serviceAccountJson, String accessToken, String clientToken,
        String apiBaseUrl) {

    /** Never the secrets: a record's own toString would print them into any log line. */
    @Override
    public String toString() {
        return Redacted.toString(this);
    }

    public static final String DEFAULT_BASE_URL = "https://rcsbusinessmessaging.googleapis.com";
    public static final Set<String> NAMES = Set.of("agent_id", "service_account_json", "access_token", "client_token",
            "api_base_url");
    public static final Set<String> SECRETS = Set.of("service_account_json", "access_token", "client_token");

    public static List<FieldProblem> validate(Map<String, Object> settings) {
        List<FieldProblem> problems = new ArrayList<>();
        unknown(settings, NAMES, "rbm", problems);
        required(settings, "agent_id", "[A-Za-z0-9_.-]{1,200}", "must be the RBM agent's id", problems);
        if (settings.get("service_account_json") == null && settings.get("access_token") == null) {
            problems.add(new FieldProblem("service_account_json", "is required (or an access_token)"));
        }
        optional(settings, "service_account_json", "(?s)\\{.{10,20000}\\}", "must be the service account's JSON key", problems);
        if (settings.get("service_account_json") instanceof String json && problems.isEmpty()) {
            ServiceAccountTokens.problem(json).ifPresent(m -> problems.add(new FieldProblem("service_account_json", m)));
        }
        optional(settings, "access_token", "[\\x21-\\x7e]{10,4096}", "must be an OAuth access token", problems);
        required(settings, "client_token", "[\\x21-\\x7e]{8,256}", "must be the webhook's client token", problems);
        baseUrl(settings, "api_base_url", problems);
        return problems;
    }

    public static RbmSettings from(Map<String, Object> settings) {
        List<FieldProblem> problems = validate(settings);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid RBM settings: " + problems);
        }
        String base = string(settings, "api_base_url", DEFAULT_BASE_URL);
        return new RbmSettings(string(settings, "agent_id", null), string(settings, "service_account_json", null),
                string(settings, "access_token", null), string(settings, "client_token", null),
                base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
    }

    /** {@code https://rcsbusinessmessaging.googleapis.com/v1/<path>} */
    public String url(String path) {
        return apiBaseUrl + "/v1/" + path;
    }
}
