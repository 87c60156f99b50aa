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
    /** The order acceptance follows: the draft's, or for {@code cheapest} its candidates, then the priced order. */
    dev.recado.messaging.Routing routing;
    /** {@code channel: "cheapest"}: the order is made by price at acceptance ({@link CheapestRoutes}). */
    boolean cheapest;

    AcceptanceItem(int index, MessageDraft draft, String hash) {
        this.index = index;
        this.draft = draft;
        this.hash = hash;
        this.content = draft.content();
    }

    /** A fresh item for trying this draft on one channel without touching this one. */
    AcceptanceItem copyFor(String channel) {
        var copy = new AcceptanceItem(index, draft, hash);
        copy.channel = channel;
        copy.purpose = purpose;
        copy.refusalCode = refusalCode;
        copy.routing = routing;
        copy.cheapest = cheapest;
        return copy;
    }
}
