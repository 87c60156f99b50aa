package dev.recado.channels.whatsapp.internal;

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
 * One WhatsApp Business number at Meta's Cloud API. {@code phone_number_id} is the number's Graph id
 * (what messages are posted to and webhooks name); {@code access_token} authorises sends,
 * {@code app_secret} signs the webhooks Meta posts, {@code verify_token} answers the subscription
 * handshake. {@code api_base_url} and {@code graph_version} point at another Graph (a test server, a
 * newer version) without a release. {@code mark_read} (default true): customers' messages are marked
 * read at Meta once stored (they see blue ticks).
 */
public record WhatsAppSettings(String phoneNumberId, String businessAccountId, String accessToken, String appSecret,
        String verifyToken, String apiBaseUrl, String graphVersion, boolean markRead) {

    /** Never the secrets: a record's own toString would print them into any log line. */
    @Override
    public String toString() {
        return Redacted.toString(this);
    }

    public static final String DEFAULT_BASE_URL = "https://graph.facebook.com";
    public static final String DEFAULT_VERSION = "v23.0";
    public static final Set<String> NAMES = Set.of("phone_number_id", "business_account_id", "access_token",
            "app_secret", "verify_token", "api_base_url", "graph_version", "mark_read");
    public static final Set<String> SECRETS = Set.of("access_token", "app_secret", "verify_token");

    public static List<FieldProblem> validate(Map<String, Object> settings) {
        List<FieldProblem> problems = new ArrayList<>();
        unknown(settings, NAMES, "whatsapp", problems);
        required(settings, "phone_number_id", "[0-9]{1,32}", "must be the number's Graph id (digits)", problems);
        optional(settings, "business_account_id", "[0-9]{1,32}", "must be the WhatsApp Business Account id (digits)", problems);
        required(settings, "access_token", "[\\x21-\\x7e]{10,1024}", "must be a Graph access token", problems);
        required(settings, "app_secret", "[\\x21-\\x7e]{8,256}", "must be the Meta app's secret", problems);
        optional(settings, "verify_token", "[\\x21-\\x7e]{1,256}", "must be 1 to 256 printable characters", problems);
        baseUrl(settings, "api_base_url", problems);
        optional(settings, "graph_version", "v[0-9]{1,3}\\.[0-9]{1,2}", "must be a Graph version such as v23.0", problems);
        if (settings.get("mark_read") != null && !(settings.get("mark_read") instanceof Boolean)) {
            problems.add(new FieldProblem("mark_read", "must be true or false"));
        }
        return problems;
    }

    public static WhatsAppSettings from(Map<String, Object> settings) {
        List<FieldProblem> problems = validate(settings);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid WhatsApp settings: " + problems);
        }
        String base = string(settings, "api_base_url", DEFAULT_BASE_URL);
        return new WhatsAppSettings(string(settings, "phone_number_id", null), string(settings, "business_account_id", null),
                string(settings, "access_token", null), string(settings, "app_secret", null),
                string(settings, "verify_token", null), base.endsWith("/") ? base.substring(0, base.length() - 1) : base,
                string(settings, "graph_version", DEFAULT_VERSION), !Boolean.FALSE.equals(settings.get("mark_read")));
    }

    /** {@code https://graph.facebook.com/v23.0/<path>} */
    public String url(String path) {
        return apiBaseUrl + "/" + graphVersion + "/" + path;
    }
}
