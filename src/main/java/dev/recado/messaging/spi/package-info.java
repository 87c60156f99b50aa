/** The contract every channel provider implements (SMPP, WhatsApp, SMTP, sandbox...). */
@org.springframework.modulith.NamedInterface("spi")
package dev.recado.messaging.spi;
