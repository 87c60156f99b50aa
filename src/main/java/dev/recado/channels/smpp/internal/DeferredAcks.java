package dev.recado.channels.smpp.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jsmpp.PDUSender;
import org.jsmpp.SynchronizedPDUSender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a deliver_sm when what it carried is durable, without holding a thread until then. jSMPP
 * sends deliver_sm_resp as soon as the listener returns, on the same PDU thread; the listener marks
 * that thread with the storing future ({@link #deferTo}) and this sender, seeing the mark, sends the
 * response when the future completes instead. With blocked threads, receipts waiting on a commit held
 * back every submit_sm_resp behind them (they share jSMPP's pool), and dispatch ran at the receipt
 * writer's pace.
 */
final class DeferredAcks extends SynchronizedPDUSender {

    private static final Logger log = LoggerFactory.getLogger(DeferredAcks.class);
    /** Past this the SMSC is asked to deliver again; its own timer is usually shorter anyway. */
    private static final Duration PATIENCE = Duration.ofSeconds(10);
    private static final ThreadLocal<CompletableFuture<Void>> PENDING = new ThreadLocal<>();

    DeferredAcks(PDUSender sender) {
        super(sender);
    }

    /** Called from the listener on the PDU thread: answer the deliver_sm being processed when this completes. */
    static void deferTo(CompletableFuture<Void> stored) {
        PENDING.set(stored);
    }

    /** The listener failed after deferring: the response goes out now, with jSMPP's error status. */
    static void cancelDeferral() {
        PENDING.remove();
    }

    @Override
    public byte[] sendDeliverSmResp(OutputStream os, int commandStatus, int sequenceNumber, String messageId)
            throws IOException {
        CompletableFuture<Void> stored = PENDING.get();
        PENDING.remove();
        if (stored == null || commandStatus != SmppStatus.ESME_ROK) {
            return super.sendDeliverSmResp(os, commandStatus, sequenceNumber, messageId);
        }
        stored.orTimeout(PATIENCE.toMillis(), TimeUnit.MILLISECONDS).whenComplete((ok, error) -> {
            if (error != null) {
                log.warn("deliver_sm {} not stored ({}); asking the SMSC to deliver it again", sequenceNumber,
                        error.toString());
            }
            try {
                super.sendDeliverSmResp(os, error == null ? SmppStatus.ESME_ROK : SmppStatus.ESME_RX_T_APPN,
                        sequenceNumber, error == null ? messageId : null);
            } catch (IOException e) {
                // the bind is gone: the SMSC delivers it again on the next one
                log.debug("deliver_sm_resp {} not sent: {}", sequenceNumber, e.toString());
            }
        });
        return new byte[0];
    }
}
