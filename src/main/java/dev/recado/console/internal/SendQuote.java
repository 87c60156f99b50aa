package dev.recado.console.internal;

import dev.recado.billing.Balance;
import dev.recado.content.sms.SmsEncoder;
import dev.recado.content.sms.SmsEncoding;
import dev.recado.content.sms.SmsPlan;
import dev.recado.messaging.PriceQuotes;
import java.math.BigDecimal;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * What a send form would do, as the user types: characters, encoding and the characters that
 * force UCS-2 (with the smart-encoding fix when it would help), segments, price per recipient,
 * total and the balance after. Worked out with the same encoder and price list the send path uses.
 */
@Component
class SendQuote {

    /** The answer the form's script shows; texts already in the reader's language. */
    record Quote(int characters, String encoding, int segments, int recipients, List<String> forcingUcs2,
            String smartText, int smartSegments, List<String> invalid, boolean truncated, BigDecimal total,
            BigDecimal balanceAfter, boolean enough, String summary, String cost, String fix) {
    }

    private final SendRecipients recipients;
    private final PriceQuotes prices;
    private final ConsoleFormat fmt;
    private final MessageSource texts;

    SendQuote(SendRecipients recipients, PriceQuotes prices, ConsoleFormat fmt, MessageSource texts) {
        this.recipients = recipients;
        this.prices = prices;
        this.fmt = fmt;
        this.texts = texts;
    }

    Quote quote(long workspaceId, SendForm form, Balance balance, Locale locale) {
        String body = form.body() == null ? "" : form.body();
        SmsPlan plan = SmsEncoder.plan(body, form.smart());
        SmsPlan smart = plan.encoding() == SmsEncoding.UCS2 ? SmsEncoder.plan(body, true) : plan;
        boolean fixHelps = plan.encoding() == SmsEncoding.UCS2 && smart.encoding() == SmsEncoding.GSM7;
        var audience = recipients.resolve(workspaceId, form);
        BigDecimal total = BigDecimal.ZERO;
        for (String phone : audience.destinations().values()) {
            if (phone != null) {
                total = total.add(prices.quote(workspaceId, "sms", phone, plan.segments()).total());
            }
        }
        total = total.stripTrailingZeros();
        String currency = balance == null ? "EUR" : balance.currency();
        BigDecimal after = balance == null ? null : balance.available().subtract(total).stripTrailingZeros();
        int characters = body.codePointCount(0, body.length());
        String summary = texts.getMessage("send.live.summary", new Object[] {characters,
                texts.getMessage("encoding." + plan.encoding(), null, locale), plan.segments()}, locale);
        String cost = texts.getMessage("send.live.cost", new Object[] {audience.count(),
                fmt.money(total, currency, locale),
                after == null ? "—" : fmt.money(after, currency, locale)}, locale);
        String fix = fixHelps ? texts.getMessage("send.live.fix", new Object[] {smart.segments()}, locale) : null;
        return new Quote(characters, plan.encoding().toString(), plan.segments(), audience.count(), forcing(plan),
                fixHelps ? smart.text() : null, smart.segments(), audience.invalid(), audience.truncated(), total,
                after, after == null || after.signum() >= 0, summary, cost, fix);
    }

    /** The distinct characters that keep a body out of GSM 7-bit, in the order they appear. */
    private static List<String> forcing(SmsPlan plan) {
        if (plan.encoding() != SmsEncoding.UCS2) {
            return List.of();
        }
        Set<String> found = new LinkedHashSet<>();
        plan.text().codePoints().mapToObj(Character::toString).filter(c -> !SmsEncoder.isGsm7(c)).forEach(found::add);
        return List.copyOf(found);
    }
}
