package dev.recado.common;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import org.slf4j.helpers.MessageFormatter;

/**
 * {@code %m} for every log line: the message's own text stays as written, but each value filled
 * into a {@code {}} has its control characters escaped ({@link LogSafe}), so a sender named
 * {@code "a\r\nX-Injected: 1"} cannot forge a second log line. Registered in logback-spring.xml.
 */
public class SafeMessageConverter extends MessageConverter {

    @Override
    public String convert(ILoggingEvent event) {
        Object[] args = event.getArgumentArray();
        if (args == null || args.length == 0) {
            return event.getFormattedMessage();
        }
        Object[] safe = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            // a trailing Throwable is printed by the exception converter; keep it as it is
            safe[i] = args[i] instanceof Throwable ? args[i] : args[i] == null ? null : LogSafe.of(args[i]);
        }
        return MessageFormatter.arrayFormat(event.getMessage(), safe).getMessage();
    }
}
