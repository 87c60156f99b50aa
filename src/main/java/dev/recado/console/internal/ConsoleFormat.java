package dev.recado.console.internal;

import dev.recado.common.PublicId;
import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Currency;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Formatting the templates call as {@code @fmt...}: times in the workspace's zone, money in the
 * reader's locale, and the public ids links carry (rows keep their long ids).
 */
@Component("fmt")
class ConsoleFormat {

    static final String CONTACT = "ct_";
    static final String IMPORT = "imp_";
    static final String API_KEY = "key_";
    static final String MESSAGE = "msg_";

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    /** A message's steps are often a fraction of a second apart: its timeline shows seconds. */
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    public String time(Instant instant, String zone) {
        return format(TIME, instant, zone);
    }

    public String seconds(Instant instant, String zone) {
        return format(SECONDS, instant, zone);
    }

    public String money(BigDecimal amount, String currency, Locale locale) {
        if (amount == null) {
            return "";
        }
        NumberFormat format = NumberFormat.getCurrencyInstance(locale);
        try {
            format.setCurrency(Currency.getInstance(currency));
        } catch (IllegalArgumentException | NullPointerException e) {
            return amount.toPlainString() + (currency == null ? "" : " " + currency);
        }
        format.setMaximumFractionDigits(Math.max(2, Math.min(6, amount.stripTrailingZeros().scale())));
        return format.format(amount);
    }

    public String number(long value, Locale locale) {
        return NumberFormat.getIntegerInstance(locale).format(value);
    }

    /** 97.5 as "97.5 %" or "97,5 %", as the reader writes it. */
    public String percent(BigDecimal value, Locale locale) {
        NumberFormat format = NumberFormat.getPercentInstance(locale);
        format.setMaximumFractionDigits(1);
        return value == null ? "" : format.format(value.movePointLeft(2));
    }

    /** 1.33 as "1.33" or "1,33": up to two decimals, as the reader writes them. */
    public String decimal(BigDecimal value, Locale locale) {
        NumberFormat format = NumberFormat.getNumberInstance(locale);
        format.setMaximumFractionDigits(2);
        return value == null ? "" : format.format(value);
    }

    public String contactId(long id) {
        return PublicId.of(CONTACT, id);
    }

    public String importId(long id) {
        return PublicId.of(IMPORT, id);
    }

    public String keyId(long id) {
        return PublicId.of(API_KEY, id);
    }

    public String messageId(long id) {
        return PublicId.of(MESSAGE, id);
    }

    private static String format(DateTimeFormatter pattern, Instant instant, String zone) {
        return instant == null ? "" : pattern.format(instant.atZone(zoneOf(zone)));
    }

    private static ZoneId zoneOf(String zone) {
        try {
            return zone == null ? ZoneId.of("UTC") : ZoneId.of(zone);
        } catch (DateTimeException e) {
            return ZoneId.of("UTC");
        }
    }
}
