/**
 * The append-only consent ledger (contact x channel x purpose), the rules that turn it into a
 * send decision, and the keyword rules (STOP, BAJA, ALTA...) the inbound path applies.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Consent")
package dev.recado.consent;
