/**
 * Campaigns: templates with per-channel, per-language variants, segments (saved audience
 * conditions) and campaigns that fan a template out to a segment through the messaging engine's
 * batch command, exactly once per (campaign, occurrence, contact).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Campaigns")
package dev.recado.campaigns;
