package dev.recado.messaging.spi;

/**
 * A message template as the provider holds it for a sender's account (a WhatsApp template in the
 * WABA): {@code category} {@code marketing}, {@code utility} or {@code authentication} (null in a
 * status update that does not say); {@code status} as the provider reports it ({@code approved},
 * {@code pending}, {@code rejected}, {@code paused}...); {@code quality} its quality rating when known;
 * {@code providerId} the provider's own id and {@code reason} why it was rejected or paused, when known.
 */
public record ProviderTemplate(String name, String language, String category, String status, String quality,
        String providerId, String reason) {

    public ProviderTemplate(String name, String language, String category, String status, String quality) {
        this(name, language, category, status, quality, null, null);
    }

    public boolean approved() {
        return "approved".equals(status);
    }
}
