/** Prepaid balance per workspace, its ledger, and (with messaging) the price list. */
@org.springframework.modulith.ApplicationModule(displayName = "Billing")
package dev.recado.billing;
