/**
 * SMS encoding: choosing GSM 7-bit or UCS-2, counting and splitting into parts, payload bytes for
 * SMPP and their decoding. Exposed as a named interface because messaging, the SMPP channel and
 * the console all call it, and a sub-package is otherwise internal to its module.
 */
@org.springframework.modulith.NamedInterface("sms")
package dev.recado.content.sms;
