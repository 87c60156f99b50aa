/**
 * The message log and the outbound pipeline: accept, check, queue, dispatch, status; receipts and
 * inbound ingestion. Channels plug in through {@link dev.recado.messaging.spi}; this module never
 * imports a channel.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Messaging")
package dev.recado.messaging;
