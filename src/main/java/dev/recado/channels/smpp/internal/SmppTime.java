package dev.recado.channels.smpp.internal;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** SMPP 3.4 absolute time ({@code YYMMDDhhmmsstnnp}), always written in UTC: offset {@code 00+}. */
public final class SmppTime {

    private SmppTime() {
    }

    public static String absolute(Instant instant) {
        LocalDateTime t = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
        return String.format("%02d%02d%02d%02d%02d%02d%d00+", t.getYear() % 100, t.getMonthValue(),
                t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond(), t.getNano() / 100_000_000);
    }
}
