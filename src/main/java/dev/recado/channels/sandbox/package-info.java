/**
 * The sandbox: an SMSC simulator in process, a provider that binds to it over real SMPP, and the
 * virtual phone (what a simulated customer received, and their replies).
 */
@org.springframework.modulith.NamedInterface("sandbox")
package dev.recado.channels.sandbox;
