package dev.recado.channels.webchat.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** When a widget is online: its setting, its business hours and, for {@code no_agents}, the agents in the console. */
class WidgetSettingsTest {

    /** Monday 30 Nov 2026: 09:30 and 20:00 in Madrid. */
    private static final Instant OPEN = Instant.parse("2026-11-30T08:30:00Z");
    private static final Instant CLOSED = Instant.parse("2026-11-30T19:00:00Z");

    @Test
    void noAgentsIsOnlineOnlyWithinHoursAndWithAnAgentAskedOnlyWhenItDecides() {
        var settings = widget(Map.of("offline", "no_agents", "business_hours", "mon-fri 09:00-18:00",
                "timezone", "Europe/Madrid"));
        AtomicInteger asked = new AtomicInteger();
        BooleanSupplier agent = () -> asked.incrementAndGet() > 0;
        assertThat(settings.online(CLOSED, agent)).isFalse();
        assertThat(asked).hasValue(0);
        assertThat(settings.online(OPEN, agent)).isTrue();
        assertThat(settings.online(OPEN, () -> false)).isFalse();
        // without business hours the agents alone decide
        assertThat(widget(Map.of("offline", "no_agents")).online(CLOSED, () -> true)).isTrue();
        assertThat(widget(Map.of("offline", "no_agents")).online(OPEN, () -> false)).isFalse();
    }

    @Test
    void theOtherSettingsNeverAskForAgents() {
        BooleanSupplier never = () -> {
            throw new AssertionError("asked for agents");
        };
        assertThat(widget(Map.of()).online(OPEN, never)).isTrue();
        assertThat(widget(Map.of("business_hours", "mon-fri 09:00-18:00", "timezone", "Europe/Madrid"))
                .online(CLOSED, never)).isFalse();
        assertThat(widget(Map.of("offline", "always")).online(OPEN, never)).isFalse();
        assertThat(widget(Map.of("offline", "never")).online(CLOSED, never)).isTrue();
    }

    @Test
    void theReplyTimeIsShownAndChecked() {
        var shown = widget(Map.of("offline", "no_agents", "reply_time", "Respondemos en 2 horas")).forWidget(false);
        assertThat(shown).containsEntry("reply_time", "Respondemos en 2 horas").containsEntry("online", false)
                .containsEntry("prechat_form", true);
        assertThat(WidgetSettings.validate(Map.of("allowed_origins", "https://shop.example", "reply_time", "x".repeat(201),
                "offline", "no_agents"))).extracting(p -> p.field()).containsExactly("reply_time");
    }

    private static WidgetSettings widget(Map<String, Object> extra) {
        var settings = new java.util.HashMap<String, Object>(extra);
        settings.put("allowed_origins", "https://shop.example");
        assertThat(WidgetSettings.validate(settings)).isEmpty();
        return WidgetSettings.from(settings);
    }
}
