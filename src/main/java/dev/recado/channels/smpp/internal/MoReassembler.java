package dev.recado.channels.smpp.internal;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Puts concatenated MO back together. Parts are keyed the way handsets key them (sender, recipient,
 * reference, total), may arrive in any order and more than once. A message whose parts do not all
 * arrive within {@code maxWait} is released with what came: a customer's reply with a gap beats one
 * silently lost (it may be a STOP). A part that arrives again after its message was complete (an
 * SMSC redelivering it) is dropped for {@code maxWait}, rather than wait alone and be released later
 * as a stray fragment.
 */
public final class MoReassembler {

    /** A whole MO: its payload bytes in part order, and the data_coding of its first part. */
    public record Assembled(String from, String to, byte[] payload, int dataCoding, boolean complete, int reference,
            int total) {
    }

    private record Key(String from, String to, int reference, int total) {
    }

    private static final class Pending {
        final byte[][] parts;
        final int dataCoding;
        final Instant firstAt;
        int received;

        Pending(int total, int dataCoding, Instant firstAt) {
            this.parts = new byte[total][];
            this.dataCoding = dataCoding;
            this.firstAt = firstAt;
        }
    }

    private final Duration maxWait;
    private final Map<Key, Pending> pending = new HashMap<>();
    private final Map<Key, Instant> completed = new HashMap<>();

    public MoReassembler(Duration maxWait) {
        this.maxWait = maxWait;
    }

    /** Adds one part; returns the messages it completes, plus any that waited too long. */
    public synchronized List<Assembled> add(String from, String to, UdhReader.Concat concat, byte[] payload,
            int dataCoding, Instant now) {
        List<Assembled> out = expire(now);
        int total = concat.total();
        int seq = concat.sequence();
        if (total < 1 || seq < 1 || seq > total) {
            // malformed header: pass it on as is
            out.add(new Assembled(from, to, payload, dataCoding, false, concat.reference(), total));
            return out;
        }
        Key key = new Key(from, to, concat.reference(), total);
        if (completed.containsKey(key)) {
            return out; // a repeat of a part of a message already delivered whole
        }
        Pending p = pending.computeIfAbsent(key, k -> new Pending(total, dataCoding, now));
        if (p.parts[seq - 1] == null) {
            p.parts[seq - 1] = payload;
            p.received++;
        }
        if (p.received == total) {
            pending.remove(key);
            completed.put(key, now);
            out.add(join(key, p, true));
        }
        return out;
    }

    /** Releases what waited longer than allowed; also called on its own by a timer. */
    public synchronized List<Assembled> expire(Instant now) {
        completed.values().removeIf(at -> at.plus(maxWait).isBefore(now));
        List<Assembled> out = new ArrayList<>();
        Iterator<Map.Entry<Key, Pending>> it = pending.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Key, Pending> e = it.next();
            if (e.getValue().firstAt.plus(maxWait).isBefore(now)) {
                it.remove();
                out.add(join(e.getKey(), e.getValue(), false));
            }
        }
        return out;
    }

    public synchronized int waiting() {
        return pending.size();
    }

    private static Assembled join(Key key, Pending p, boolean complete) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (byte[] part : p.parts) {
            if (part != null) {
                bytes.writeBytes(part);
            }
        }
        return new Assembled(key.from(), key.to(), bytes.toByteArray(), p.dataCoding, complete, key.reference(),
                key.total());
    }
}
