/**
 * Shared kernel: public ids, problem details, pagination and the idempotency filter. Every module
 * may use it; it depends on none of them.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package dev.recado.common;
