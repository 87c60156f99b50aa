package dev.recado.campaigns.internal;

import dev.recado.contacts.Contact;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToIntFunction;

/**
 * The SMS segments of the audience's own texts, for the review: each contact's message rendered and
 * counted as acceptance will count it.
 *
 * <p>Counted on rendered texts rather than on columns in the grouped scan: segments are no function of
 * a few fields. The template is Liquid (filters, conditions, defaults, any attribute), the variant and
 * the opt-out footer follow the contact's language (and the footer the body's GSM-ness), smart encoding
 * swaps look-alikes only when that makes the whole text GSM, GSM extension characters count twice —
 * SQL would have to copy the renderer and the encoder and would part from them at the edges. Rendering
 * costs microseconds, so an audience of up to {@link #SIZE} is rendered whole and priced exactly, each
 * recipient at their own count. A larger one is rendered on {@link #SIZE} contacts spread over its id
 * range by keyset (old and new contacts alike, never the first ones only), and each group of the
 * grouped scan is split in whole recipients by the shares of segment counts among the sampled contacts
 * of its destination (its leading digits carry what goes with the country: names, language, footer),
 * or of the whole sample when none of them was drawn.
 */
final class SegmentSample {

    /** Contacts rendered at most: an audience this large or smaller is counted exactly. */
    static final int SIZE = 2_000;
    /** Keyset ranges a larger audience's sample is read in. */
    private static final int SLICES = 20;

    /** Recipients alike for the estimate whose SMS text counts {@code units} segments. */
    record Part(long facts, String head, String zone, int units, long count) {
    }

    private record Key(long facts, String head, String zone, int units) {
    }

    private final boolean exact;
    private final int size;
    private final List<Part> parts = new ArrayList<>();
    private final Map<Long, Integer> byContact = new HashMap<>();
    private final Map<String, TreeMap<Integer, Long>> byHead = new HashMap<>();
    private final TreeMap<Integer, Long> all = new TreeMap<>();

    /**
     * Reads and renders the sample; {@code units} counts one contact's SMS segments. {@code headDigits}
     * and {@code byZone} as {@link AudienceScans#groups}, so exact parts key recipients as its groups do.
     */
    static SegmentSample read(AudienceScans scans, long workspaceId, SegmentWhere where, AudienceFacts facts,
            int headDigits, boolean byZone, ToIntFunction<Contact> units) {
        List<AudienceScans.Sampled> first = scans.contacts(workspaceId, where, facts, 0, Long.MAX_VALUE, SIZE + 1);
        if (first.size() <= SIZE) {
            return new SegmentSample(true, first, headDigits, byZone, units);
        }
        long low = first.get(0).contact().id();
        long span = scans.lastId(workspaceId, where) - low + 1;
        List<AudienceScans.Sampled> sample = new ArrayList<>(SIZE);
        long after = low - 1;
        for (int i = 0; i < SLICES; i++) {
            long until = low - 1 + span * (i + 1) / SLICES;
            // a range with fewer contacts than its share leaves the rest to the ranges after it
            int want = (SIZE - sample.size()) / (SLICES - i);
            if (want > 0 && until > after) {
                sample.addAll(scans.contacts(workspaceId, where, facts, after, until, want));
            }
            after = until;
        }
        return new SegmentSample(false, sample, headDigits, byZone, units);
    }

    private SegmentSample(boolean exact, List<AudienceScans.Sampled> contacts, int headDigits, boolean byZone,
            ToIntFunction<Contact> units) {
        this.exact = exact;
        this.size = contacts.size();
        Map<Key, Long> alike = new LinkedHashMap<>();
        for (AudienceScans.Sampled s : contacts) {
            Contact c = s.contact();
            int u = units.applyAsInt(c);
            String head = head(c.phone(), headDigits);
            byContact.put(c.id(), u);
            all.merge(u, 1L, Long::sum);
            if (head != null) {
                byHead.computeIfAbsent(head, k -> new TreeMap<>()).merge(u, 1L, Long::sum);
            }
            if (exact) {
                alike.merge(new Key(s.facts(), head, byZone ? c.timezone() : null, u), 1L, Long::sum);
            }
        }
        alike.forEach((k, n) -> parts.add(new Part(k.facts(), k.head(), k.zone(), k.units(), n)));
    }

    /** The first {@code digits} digits of an E.164 number, as {@link AudienceScans#groups} keys them. */
    static String head(String phone, int digits) {
        return phone == null || digits == 0 ? null : phone.substring(1, Math.min(phone.length(), digits + 1));
    }

    /** Whether every contact of the audience was counted. */
    boolean exact() {
        return exact;
    }

    int size() {
        return size;
    }

    /** The whole audience, alike in facts, leading digits, zone and segments; only when {@link #exact}. */
    List<Part> parts() {
        return parts;
    }

    /**
     * A group of the grouped scan in whole recipients by the shares of segment counts at its
     * destination (largest remainders, so the parts add up to the group).
     */
    List<Part> split(AudienceScans.Group g) {
        TreeMap<Integer, Long> shares = g.head() != null && byHead.containsKey(g.head()) ? byHead.get(g.head()) : all;
        if (shares.isEmpty()) {
            return List.of(new Part(g.facts(), g.head(), g.zone(), 0, g.count()));
        }
        long sampled = shares.values().stream().mapToLong(Long::longValue).sum();
        List<Integer> units = new ArrayList<>(shares.keySet());
        long[] counts = new long[units.size()];
        long[] remainders = new long[units.size()];
        long given = 0;
        for (int i = 0; i < units.size(); i++) {
            long scaled = g.count() * shares.get(units.get(i));
            counts[i] = scaled / sampled;
            remainders[i] = scaled % sampled;
            given += counts[i];
        }
        for (; given < g.count(); given++) {
            int largest = 0;
            for (int i = 1; i < units.size(); i++) {
                if (remainders[i] > remainders[largest]) {
                    largest = i;
                }
            }
            counts[largest]++;
            remainders[largest] = -1;
        }
        List<Part> split = new ArrayList<>(units.size());
        for (int i = 0; i < units.size(); i++) {
            if (counts[i] > 0) {
                split.add(new Part(g.facts(), g.head(), g.zone(), units.get(i), counts[i]));
            }
        }
        return split;
    }

    /**
     * One contact's segments: their own when rendered, else the most common count at their destination
     * (of the whole sample when none there was drawn); 0 when nothing was rendered.
     */
    int units(long contactId, String head) {
        Integer own = byContact.get(contactId);
        if (own != null) {
            return own;
        }
        TreeMap<Integer, Long> shares = head != null && byHead.containsKey(head) ? byHead.get(head) : all;
        return shares.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(0);
    }
}
