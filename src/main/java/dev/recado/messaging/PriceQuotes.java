package dev.recado.messaging;

import dev.recado.messaging.internal.PriceList;
import org.springframework.stereotype.Service;

/** What a message would cost before it is sent: the price list the send path charges from. */
@Service
public class PriceQuotes {

    private final PriceList prices;

    PriceQuotes(PriceList prices) {
        this.prices = prices;
    }

    /** {@code e164} with its +; a destination no price row covers costs zero, as on the send path. */
    public PriceQuote quote(long workspaceId, String channel, String e164, int segments) {
        return prices.quote(workspaceId, channel, e164, segments);
    }
}
