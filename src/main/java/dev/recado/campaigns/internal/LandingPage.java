package dev.recado.campaigns.internal;

import java.time.Instant;

/** A campaign's landing page at {@code /p/<slug>}; {@code form} is none, conversion or consent. */
record LandingPage(long id, long workspaceId, long campaignId, String slug, String title, String body, String imageUrl,
        String buttonLabel, String buttonUrl, String form, Instant createdAt) {

    static final String NONE = "none";
    static final String CONVERSION = "conversion";
    static final String CONSENT = "consent";
}
