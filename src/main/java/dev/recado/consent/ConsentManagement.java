package dev.recado.consent;

import dev.recado.common.ApiException;
import dev.recado.consent.internal.ConsentRepository;
import dev.recado.consent.internal.KeywordRuleRepository;
import dev.recado.workspace.WorkspaceManagement;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The consent module's front. Callers hand it contact ids they have already scoped to the
 * workspace; every send decision in Recado goes through {@link #canSend}.
 */
@Service
public class ConsentManagement {

    private static final int MAX_EVIDENCE = 4000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ConsentRepository ledger;
    private final KeywordRuleRepository keywords;
    private final WorkspaceManagement workspaces;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ConsentManagement(ConsentRepository ledger, KeywordRuleRepository keywords, WorkspaceManagement workspaces,
            ApplicationEventPublisher events, Clock clock) {
        this.ledger = ledger;
        this.keywords = keywords;
        this.workspaces = workspaces;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    public RecordedConsent record(long workspaceId, long contactId, NewConsent consent) {
        validate(consent);
        Instant now = clock.instant();
        Instant occurred = consent.occurredAt() == null ? now : consent.occurredAt();
        if (occurred.isAfter(now.plusSeconds(300))) {
            throw ApiException.invalid("occurred_at", "must not be in the future");
        }
        String token = needsConfirmation(workspaceId, consent) ? newToken() : null;
        var row = new ConsentRepository.Row(workspaceId, contactId, consent.channel(), consent.purpose(),
                consent.status(), consent.source(), consent.evidence(), consent.actor(), occurred);
        long id = ledger.insert(row, now, token);
        if (consent.status() == ConsentStatus.OPTED_OUT) {
            events.publishEvent(new ContactOptedOut(workspaceId, contactId, consent.channel(), consent.purpose(),
                    consent.source()));
        }
        var event = new ConsentEvent(id, contactId, consent.channel(), consent.purpose(), consent.status(),
                consent.source(), consent.evidence(), consent.actor(), occurred, now, token != null);
        return new RecordedConsent(event, token);
    }

    /** Imports: the same fact for many contacts, written in batches. */
    @Transactional
    public void recordForAll(long workspaceId, List<Long> contactIds, NewConsent consent) {
        validate(consent);
        Instant now = clock.instant();
        Instant occurred = consent.occurredAt() == null ? now : consent.occurredAt();
        List<ConsentRepository.Row> rows = new ArrayList<>(contactIds.size());
        for (long contactId : contactIds) {
            rows.add(new ConsentRepository.Row(workspaceId, contactId, consent.channel(), consent.purpose(),
                    consent.status(), consent.source(), consent.evidence(), consent.actor(), occurred));
        }
        ledger.insertBatch(rows, now);
    }

    /** The person clicked the link in the confirmation mail: their opt-in now counts. */
    @Transactional
    public Optional<ConsentEvent> confirm(String token) {
        Optional<ConsentEvent> pending = ledger.byToken(token);
        if (pending.isEmpty()) {
            return Optional.empty();
        }
        ConsentEvent request = pending.get();
        long workspaceId = ledger.workspaceOfToken(token).orElseThrow();
        var history = ledger.history(workspaceId, request.contactId());
        var latest = ConsentRules.latest(history, request.channel(), request.purpose());
        boolean alreadyConfirmed = latest.isPresent() && latest.get().source() == ConsentSource.LINK
                && latest.get().evidence() != null && latest.get().evidence().endsWith("#" + request.id());
        if (alreadyConfirmed) {
            return latest;
        }
        var confirmed = new NewConsent(request.channel(), request.purpose(), ConsentStatus.OPTED_IN,
                ConsentSource.LINK, "Confirmed by the link mailed for consent request #" + request.id(), "contact",
                null);
        ConsentEvent fact = record(workspaceId, request.contactId(), confirmed).event();
        ledger.markConfirmed(request.id(), fact.occurredAt());
        return Optional.of(fact);
    }

    /** Opt-outs recorded in [from, to), per quarter hour (people, not facts: BAJA records two). */
    public List<OptOutCount> optOuts(long workspaceId, Instant from, Instant to) {
        return ledger.optOuts(workspaceId, from, to);
    }

    public List<ConsentEvent> history(long workspaceId, long contactId) {
        return ledger.history(workspaceId, contactId);
    }

    public Map<Channel, Map<Purpose, ConsentStatus>> state(long workspaceId, long contactId) {
        return ConsentRules.state(ledger.history(workspaceId, contactId));
    }

    public Decision canSend(long workspaceId, long contactId, Channel channel, Purpose purpose,
            boolean strictlyNecessary) {
        if (channel == Channel.ALL) {
            throw ApiException.invalid("channel", "must be one channel, not all");
        }
        return canSendAll(workspaceId, List.of(contactId), List.of(), channel, purpose, strictlyNecessary).get(contactId);
    }

    /**
     * The send decision for many contacts at once, from their current state (one query) and, only
     * for marketing without one, whether an opt-in waits for its link (a second).
     * {@code withoutHistory} are contacts known to have none (just created), not looked up.
     */
    public Map<Long, Decision> canSendAll(long workspaceId, java.util.Collection<Long> contactIds,
            java.util.Collection<Long> withoutHistory, Channel channel, Purpose purpose, boolean strictlyNecessary) {
        if (channel == Channel.ALL) {
            throw new IllegalArgumentException("a decision is for one channel, not all");
        }
        var lookUp = new java.util.HashSet<>(contactIds);
        lookUp.removeAll(withoutHistory);
        Map<Long, ConsentStatus> current = ledger.current(workspaceId, lookUp, channel, purpose);
        lookUp.removeAll(current.keySet());
        java.util.Set<Long> waiting = purpose == Purpose.MARKETING
                ? ledger.awaitingConfirmation(workspaceId, lookUp, channel, purpose) : java.util.Set.of();
        Map<Long, Decision> decisions = new java.util.HashMap<>();
        for (long id : contactIds) {
            decisions.put(id, ConsentRules.decide(Optional.ofNullable(current.get(id)), waiting.contains(id), purpose,
                    strictlyNecessary));
        }
        return decisions;
    }

    public List<KeywordRule> keywordRules(long workspaceId) {
        return keywords.list(workspaceId);
    }

    @Transactional
    public KeywordRule saveKeywordRule(long workspaceId, String keyword, String language, KeywordAction action,
            Channel channel, String reply) {
        String normalized = Keywords.normalize(keyword == null ? "" : keyword);
        if (normalized.isEmpty() || normalized.length() > 32 || normalized.contains(" ")) {
            throw ApiException.invalid("keyword", "must be one word of at most 32 letters");
        }
        if (language == null || !language.matches("[a-z]{2}")) {
            throw ApiException.invalid("language", "must be an ISO 639-1 code such as es");
        }
        if (action == null) {
            throw ApiException.invalid("action", "is required");
        }
        if (reply != null && reply.length() > 500) {
            throw ApiException.invalid("reply", "must be at most 500 characters");
        }
        keywords.upsert(workspaceId, normalized, language, action, channel == null ? Channel.ALL : channel, reply);
        return keywords.list(workspaceId).stream().filter(r -> r.keyword().equals(normalized)).findFirst().orElseThrow();
    }

    @Transactional
    public void deleteKeywordRule(long workspaceId, long id) {
        if (keywords.delete(workspaceId, id) == 0) {
            throw ApiException.notFound("Keyword rule");
        }
    }

    /** The rule an inbound text triggers, if any: its first word, case and accents ignored. */
    public Optional<KeywordRule> matchKeyword(long workspaceId, String text) {
        String first = Keywords.firstWord(text);
        return keywords.list(workspaceId).stream().filter(r -> r.keyword().equals(first)).findFirst();
    }

    /**
     * Applies a keyword the contact sent. An opt-out covers marketing and transactional messages on
     * every channel the rule names (strictly necessary ones, such as OTPs the person requests, still
     * pass); an opt-in opts in to marketing and lifts exactly the other opt-outs a keyword made on
     * that channel (an opt-out of transactional messages recorded through the API or the console stays).
     */
    @Transactional
    public List<ConsentEvent> applyKeyword(long workspaceId, long contactId, KeywordRule rule, String receivedText,
            Channel receivedOn) {
        String evidence = KeywordEvidence.of(receivedText, receivedOn).stored();
        List<ConsentEvent> recorded = new ArrayList<>();
        switch (rule.action()) {
            case OPT_OUT -> {
                for (Purpose purpose : Purpose.values()) {
                    recorded.add(record(workspaceId, contactId, new NewConsent(rule.channel(), purpose,
                            ConsentStatus.OPTED_OUT, ConsentSource.KEYWORD, evidence, "contact", null)).event());
                }
            }
            case OPT_IN -> {
                List<ConsentEvent> history = ledger.history(workspaceId, contactId);
                for (Purpose purpose : Purpose.values()) {
                    if (purpose == Purpose.MARKETING || ConsentRules.optedOutByKeyword(history, rule.channel(), purpose)) {
                        recorded.add(record(workspaceId, contactId, new NewConsent(rule.channel(), purpose,
                                ConsentStatus.OPTED_IN, ConsentSource.KEYWORD, evidence, "contact", null)).event());
                    }
                }
            }
            case HELP -> {
            }
        }
        return recorded;
    }

    private boolean needsConfirmation(long workspaceId, NewConsent consent) {
        return consent.channel() == Channel.EMAIL && consent.purpose() == Purpose.MARKETING
                && consent.status() == ConsentStatus.OPTED_IN && consent.source() != ConsentSource.LINK
                && consent.source() != ConsentSource.IMPORT && workspaces.require(workspaceId).emailDoubleOptIn();
    }

    private static void validate(NewConsent consent) {
        if (consent.channel() == null) {
            throw ApiException.invalid("channel", "is required");
        }
        if (consent.purpose() == null) {
            throw ApiException.invalid("purpose", "is required");
        }
        if (consent.status() == null) {
            throw ApiException.invalid("status", "is required");
        }
        if (consent.source() == null) {
            throw ApiException.invalid("source", "is required");
        }
        if (consent.evidence() != null && consent.evidence().length() > MAX_EVIDENCE) {
            throw ApiException.invalid("evidence", "must be at most " + MAX_EVIDENCE + " characters");
        }
    }

    private static String newToken() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
