package dev.recado.messaging.internal;

import dev.recado.consent.Purpose;
import dev.recado.contacts.Contact;
import dev.recado.messaging.MessageDraft;
import dev.recado.messaging.PriceQuote;
import java.time.Instant;

/** A draft that passed its own checks, carried through the batch's database checks ({@link MessageAcceptor}). */
final class AcceptanceItem {
    final int index;
    final MessageDraft draft;
    final String hash;
    /** What is sent: the draft's content, or a Recado template rendered for {@link #channel}. */
    dev.recado.messaging.Content content;
    Contact contact;
    boolean newContact;
    String channel;
    Purpose purpose;
    SenderChoice sender;
    String destination;
    SenderRoutes.Plan plan;
    PriceQuote price;
    boolean windowOpen;
    String templateCategory;
    Instant sendAt;
    String deferredReason;
    MarketingGate.Candidate marketing;
    String refusalCode = "validation_failed";
    /** With a channel order: the channels passed over before this one, and this one's place in the order. */
    java.util.List<RouteChooser.Skip> skipped;
    int routeRound;

    AcceptanceItem(int index, MessageDraft draft, String hash) {
        this.index = index;
        this.draft = draft;
        this.hash = hash;
        this.content = draft.content();
    }
}
