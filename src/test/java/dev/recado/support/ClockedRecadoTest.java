package dev.recado.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * A whole Recado with the sandbox's senders and a {@link MovableClock}: quiet hours, caps and
 * routines are tested by moving time, never by waiting. One shared context for every class using it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@RecadoTest
@Import(MovableClock.Config.class)
@TestPropertySource(properties = {"recado.sandbox=true", "recado.sandbox-receipt-delay-millis=20",
        "recado.campaigns.page-size=10", "recado.campaigns.poll-millis=200"})
public @interface ClockedRecadoTest {
}
