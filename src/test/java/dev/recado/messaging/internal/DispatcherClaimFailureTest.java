package dev.recado.messaging.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.recado.messaging.Sender;
import dev.recado.messaging.spi.ChannelAdapter;
import dev.recado.messaging.spi.SenderState;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/**
 * A claimed batch whose last look fails (the route follow-ups' or the recipient holds' query) goes
 * back to the queue at once: it was never handed to the adapter, and left claimed it would stay
 * 'sending', sent by nobody, until a restart reconciled it.
 */
class DispatcherClaimFailureTest {

    private static final long SENDER = 7L;

    @Test
    @SuppressWarnings("unchecked")
    void aBatchWhoseLastLookFailsGoesBackToTheQueueAndIsNotSubmitted() throws InterruptedException {
        DispatchQueue queue = mock(DispatchQueue.class);
        var claimed = List.of(claimed(1), claimed(2));
        when(queue.claim(eq(SENDER), anyInt(), any())).thenReturn(claimed, List.of());
        RouteFollowUps followUps = mock(RouteFollowUps.class);
        when(followUps.stillWanted(anyList())).thenThrow(new IllegalStateException("database went away"));
        ChannelAdapter adapter = mock(ChannelAdapter.class);
        when(adapter.state()).thenReturn(SenderState.CONNECTED);
        var sender = new Sender(SENDER, 1L, "sms", "smpp", "Carrier", Map.of(), 100, 10, true, true, Instant.now(),
                Instant.now());
        var dispatcher = new Dispatcher(sender, adapter, queue, mock(OutcomeWriter.class), mock(OpenPixels.class),
                followUps, Clock.systemUTC(), false);
        Thread thread = Thread.ofPlatform().name("dispatch-test").start(dispatcher);
        try {
            ArgumentCaptor<List<DispatchQueue.Retry>> back = ArgumentCaptor.forClass(List.class);
            verify(queue, timeout(10_000).atLeastOnce()).putBack(back.capture(), any());
            assertThat(back.getAllValues().getFirst()).extracting(DispatchQueue.Retry::id).containsExactly(1L, 2L);
            assertThat(back.getAllValues().getFirst()).allSatisfy(r -> assertThat(r.code()).isNull());
        } finally {
            dispatcher.stop(Duration.ofSeconds(5));
        }
        // stop returns once the loop has run its last line; the thread itself ends just after
        assertThat(thread.join(Duration.ofSeconds(10))).as("dispatcher thread ended").isTrue();
        verify(adapter, org.mockito.Mockito.never()).submit(any(), any());
        verify(queue, atLeastOnce()).claim(anyLong(), anyInt(), any());
    }

    private static DispatchQueue.Claimed claimed(long id) {
        return new DispatchQueue.Claimed(id, 1L, null, null, "+3461300000" + id, null, "x", null, false, 1, null,
                BigDecimal.ZERO, 1, null, "transactional", "sms", null);
    }
}
