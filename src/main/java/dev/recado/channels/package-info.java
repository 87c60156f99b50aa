/**
 * Channel providers: one sub-package per provider ({@code smpp}, later {@code whatsapp}, {@code email},
 * {@code sandbox}...), each implementing {@link dev.recado.messaging.spi.ChannelAdapterFactory}. Nothing
 * imports this module; adapters are found by their provider id.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Channels")
package dev.recado.channels;
