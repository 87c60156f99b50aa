package dev.recado.messaging.spi;

import java.util.Set;

/**
 * Finds and opens adapters by provider id ({@code smpp}, {@code sandbox}, ...). One adapter is
 * opened per sender account and lives as long as that account is enabled.
 */
public interface ChannelAdapterFactory {

    /** The provider id stored on a sender account. */
    String provider();

    /** The channel it carries ({@code sms}, {@code whatsapp}, ...). */
    String channel();

    /** Settings this provider accepts; anything else in a sender's config is refused (422). */
    Set<String> settingNames();

    /** Validates settings before a sender is saved; returns field problems, empty when valid. */
    java.util.List<dev.recado.common.FieldProblem> validate(java.util.Map<String, Object> settings);

    ChannelAdapter open(SenderConfig config, AdapterListener listener);
}
