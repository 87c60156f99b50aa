package dev.recado.campaigns.internal;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Tells a person's click from a machine's: link previews (messengers, social networks), mail and
 * SMS security scanners, crawlers and HTTP libraries. Such clicks are kept, flagged, and left out of
 * the report's clicked counts. A heuristic: an unknown scanner with a browser's user agent counts.
 */
final class BotAgents {

    private static final Pattern KNOWN = Pattern.compile("bot\\b|bot/|crawler|spider|preview|scanner|facebookexternalhit"
            + "|whatsapp|telegram|slack|discord|skypeuri|linkedin|twitter|embedly|quora link|pinterest|vkshare"
            + "|google-safety|googleother|bingpreview|proofpoint|mimecast|barracuda|safelinks|symantec|trendmicro"
            + "|curl/|wget/|python-|python/|go-http-client|java-http-client|java/|okhttp|libwww|httpclient|axios/"
            + "|headless");

    private static final int MAX_AGENT = 500;

    private BotAgents() {
    }

    /** The user agent as stored (clicks, conversions, evidence): at most 500 characters. */
    static String clip(String userAgent) {
        return userAgent == null ? null : userAgent.substring(0, Math.min(userAgent.length(), MAX_AGENT));
    }

    static boolean isBot(String method, String userAgent) {
        if ("HEAD".equalsIgnoreCase(method) || userAgent == null || userAgent.isBlank()) {
            return true;
        }
        return KNOWN.matcher(userAgent.toLowerCase(Locale.ROOT)).find();
    }
}
