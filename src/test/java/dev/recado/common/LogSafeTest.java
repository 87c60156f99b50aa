package dev.recado.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogSafeTest {

    @Test
    void controlCharactersCannotForgeALogLine() {
        assertThat(LogSafe.of("a\r\nX-Injected: 1")).isEqualTo("a\\r\\nX-Injected: 1");
        assertThat(LogSafe.of("nul\0bell\u0007")).isEqualTo("nul\\u0000bell\\u0007");
        assertThat(LogSafe.of("x".repeat(1000))).hasSize(301);
    }

    @Test
    void theLogPatternEscapesArgumentsButKeepsTheMessage() {
        var event = new ch.qos.logback.classic.spi.LoggingEvent("x",
                (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("test"), ch.qos.logback.classic.Level.WARN,
                "Sender {} is\n{}", null, new Object[] {"a\r\nX-Injected: 1", "up"});
        assertThat(new SafeMessageConverter().convert(event)).isEqualTo("Sender a\\r\\nX-Injected: 1 is\nup");
    }
}
