package dev.recado.consent;

import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The consent law of Recado as pure code.
 * <ul>
 * <li>Only the latest fact counts: a later opt-out beats an earlier opt-in and vice versa. A fact
 * for channel {@code all} is a fact for every channel.</li>
 * <li>Marketing needs an explicit opt-in for that purpose; an email opt-in under double opt-in
 * counts only once its link is confirmed.</li>
 * <li>Transactional needs no opt-in, but an opt-out of transactional messages blocks it too,
 * unless the message is strictly necessary (an OTP the person just asked for).</li>
 * </ul>
 */
public final class ConsentRules {

    private static final Comparator<ConsentEvent> CHRONOLOGICAL =
            Comparator.comparing(ConsentEvent::occurredAt).thenComparingLong(ConsentEvent::id);

    private ConsentRules() {
    }

    public static Decision decide(List<ConsentEvent> history, Channel channel, Purpose purpose,
            boolean strictlyNecessary) {
        if (channel == Channel.ALL) {
            throw new IllegalArgumentException("a message goes out on one channel");
        }
        Optional<ConsentStatus> current = latest(history, channel, purpose).map(ConsentEvent::status);
        boolean waiting = history.stream().anyMatch(e -> applies(e, channel, purpose) && e.pendingConfirmation());
        return decide(current, waiting, purpose, strictlyNecessary);
    }

    /**
     * The same decision from the current state alone (what {@link #latest} says, if anything) and
     * whether an opt-in still waits for its confirmation link.
     */
    public static Decision decide(Optional<ConsentStatus> current, boolean waitingForConfirmation, Purpose purpose,
            boolean strictlyNecessary) {
        boolean optedOut = current.map(s -> s == ConsentStatus.OPTED_OUT).orElse(false);
        if (purpose == Purpose.TRANSACTIONAL) {
            if (!optedOut) {
                return Decision.allow(Decision.TRANSACTIONAL);
            }
            return strictlyNecessary ? Decision.allow(Decision.STRICTLY_NECESSARY) : Decision.deny(Decision.OPTED_OUT);
        }
        if (current.isEmpty()) {
            return Decision.deny(waitingForConfirmation ? Decision.CONFIRMATION_PENDING : Decision.CONSENT_MISSING);
        }
        return optedOut ? Decision.deny(Decision.OPTED_OUT) : Decision.allow(Decision.OPTED_IN);
    }

    /** The latest fact that decides for this channel and purpose; unconfirmed opt-ins decide nothing. */
    public static Optional<ConsentEvent> latest(List<ConsentEvent> history, Channel channel, Purpose purpose) {
        return history.stream()
                .filter(e -> applies(e, channel, purpose) && !e.pendingConfirmation())
                .max(CHRONOLOGICAL);
    }

    /**
     * Whether the latest fact recorded on exactly this channel entry (a keyword rule's channel, maybe
     * {@code all}) for this purpose is an opt-out a keyword made: what an opt-in keyword restores.
     */
    public static boolean optedOutByKeyword(List<ConsentEvent> history, Channel channel, Purpose purpose) {
        return history.stream()
                .filter(e -> e.channel() == channel && e.purpose() == purpose && !e.pendingConfirmation())
                .max(CHRONOLOGICAL)
                .map(e -> e.status() == ConsentStatus.OPTED_OUT && e.source() == ConsentSource.KEYWORD)
                .orElse(false);
    }

    /** Current state per channel and purpose, for the channels that have any fact. */
    public static Map<Channel, Map<Purpose, ConsentStatus>> state(List<ConsentEvent> history) {
        Map<Channel, Map<Purpose, ConsentStatus>> state = new EnumMap<>(Channel.class);
        for (Channel channel : Channel.values()) {
            if (channel == Channel.ALL) {
                continue;
            }
            for (Purpose purpose : Purpose.values()) {
                latest(history, channel, purpose).ifPresent(e -> state
                        .computeIfAbsent(channel, c -> new EnumMap<>(Purpose.class)).put(purpose, e.status()));
            }
        }
        return state;
    }

    private static boolean applies(ConsentEvent e, Channel channel, Purpose purpose) {
        return e.purpose() == purpose && (e.channel() == channel || e.channel() == Channel.ALL);
    }
}
