package dev.recado.messaging.spi;

import java.util.List;

/** What a provider reports of a message whose submit outcome was lost in a crash. */
public record Reconciliation(long messageId, Verdict verdict, List<String> providerIds) {

    public enum Verdict {
        /** The provider has it: record the ids, do not send again. */
        ACCEPTED,
        /** The provider never saw it: safe to send. */
        NOT_RECEIVED,
        /** The provider cannot tell: fail it, never risk a duplicate. */
        UNKNOWN
    }

    public static Reconciliation unknown(long messageId) {
        return new Reconciliation(messageId, Verdict.UNKNOWN, List.of());
    }
}
