/**
 * The console: server-rendered pages (Thymeleaf + htmx) over the other modules' fronts. It reads
 * and writes only through those fronts, scoped to the logged-in user's workspace; nothing
 * depends on it.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Console")
package dev.recado.console;
