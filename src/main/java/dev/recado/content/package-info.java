/** Templates, personalisation and SMS encoding: pure code other modules call. */
@org.springframework.modulith.ApplicationModule(displayName = "Content")
package dev.recado.content;
