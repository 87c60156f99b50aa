package dev.recado.messaging.spi;

/**
 * A message template as the provider holds it for a sender's account (a WhatsApp template in the
 * WABA): {@code category} {@code marketing}, {@code utility} or {@code authentication};
 * {@code status} as the provider reports it ({@code approved}, {@code pending}, {@code rejected},
 * {@code paused}...); {@code quality} its quality rating when known.
 */
public record ProviderTemplate(String name, String language, String category, String status, String quality) {

    public boolean approved() {
        return "approved".equals(status);
    }
}
