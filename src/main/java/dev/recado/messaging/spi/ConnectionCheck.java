package dev.recado.messaging.spi;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;

/**
 * What a connection test found: the state it ended in (connected, failed, reconnecting...) and,
 * when the provider said something worth reading (its error, the account it found), that text.
 */
public record ConnectionCheck(SenderState state, String detail) {

    public boolean connected() {
        return state == SenderState.CONNECTED || state == SenderState.THROTTLED;
    }

    public static ConnectionCheck connected(String detail) {
        return new ConnectionCheck(SenderState.CONNECTED, detail);
    }

    public static ConnectionCheck failed(String detail) {
        return new ConnectionCheck(SenderState.FAILED, detail);
    }

    /**
     * The check every provider has: a separate adapter opened with the sender's settings, waited on
     * for up to {@code patience} until its first attempt ends, then closed. Receipts and inbound
     * messages offered to it are refused, so the provider delivers them to the sender's own connection.
     */
    public static ConnectionCheck byOpening(ChannelAdapterFactory factory, SenderConfig config, Duration patience) {
        var refuse = new AdapterListener() {
            @Override
            public CompletableFuture<Void> onReceipt(ProviderReceipt receipt) {
                return CompletableFuture.failedFuture(new IllegalStateException("a connection test takes no receipts"));
            }

            @Override
            public void onInbound(ProviderInbound message) {
                throw new IllegalStateException("a connection test takes no messages");
            }

            @Override
            public void onStateChange(SenderState state) {
            }
        };
        ChannelAdapter probe = factory.open(config, refuse);
        try {
            long deadline = System.nanoTime() + patience.toNanos();
            // the first attempt's outcome: connected, or refused / failed (then it would be retrying)
            while (probe.state() == SenderState.CONNECTING && System.nanoTime() < deadline) {
                LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
            }
            return new ConnectionCheck(probe.state(), null);
        } finally {
            probe.close();
        }
    }
}
