/**
 * Channel providers: one sub-package per provider ({@code smpp}, later {@code whatsapp}, {@code email},
 * {@code sandbox}...), each implementing {@link dev.recado.messaging.spi.ChannelAdapterFactory}. Adapters
 * are found by their provider id; the only import from outside is the console's virtual phone
 * (named interface {@code sandbox}).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Channels")
package dev.recado.channels;
