package dev.recado.contacts;

import dev.recado.common.ApiException;
import dev.recado.consent.Channel;
import dev.recado.consent.ConsentManagement;
import dev.recado.consent.ConsentSource;
import dev.recado.consent.ConsentStatus;
import dev.recado.consent.NewConsent;
import dev.recado.consent.Purpose;
import dev.recado.contacts.internal.ContactRepository;
import dev.recado.contacts.internal.ContactValidator;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * One action on many contacts (the console's bulk actions). Callers hand over ids a page at a
 * time, so acting on a whole filter of a million contacts holds one page in memory and one page
 * per transaction.
 */
@Service
public class ContactBulk {

    /** The most ids one call takes; a filter is walked in pages of this size. */
    public static final int PAGE = 500;
    /**
     * The most contacts one action over a filter reaches: it runs while the reader waits, a page
     * per transaction, and a larger set is better narrowed (or done through the API) than left
     * half done by a timeout.
     */
    public static final int MAX_FILTER = 10_000;

    private final ContactRepository contacts;
    private final ContactManagement management;
    private final ConsentManagement consent;

    ContactBulk(ContactRepository contacts, ContactManagement management, ConsentManagement consent) {
        this.contacts = contacts;
        this.management = management;
        this.consent = consent;
    }

    /**
     * The ids as live contacts of this workspace; one that is not (another workspace's, erased,
     * unknown) is the 404 a single contact answers, so a tampered selection changes nothing.
     */
    public List<Long> requireLive(long workspaceId, Collection<Long> ids) {
        var distinct = new LinkedHashSet<>(ids);
        if (distinct.size() > PAGE) {
            throw ApiException.invalid("ids", "at most " + PAGE + " contacts at once");
        }
        List<Long> live = contacts.liveIds(workspaceId, distinct);
        if (live.size() != distinct.size()) {
            throw ApiException.notFound("Contact");
        }
        return live;
    }

    /** The next page of contacts a filter matches, newest first, before {@code beforeId}. */
    public List<Long> matching(long workspaceId, ContactFilter filter, long beforeId) {
        return contacts.ids(workspaceId, filter, beforeId, PAGE);
    }

    /** A tag as it would be stored, or the 422 naming the field: checked before anything is asked of the reader. */
    public String validTag(String tag) {
        return ContactValidator.tag(tag, "tag");
    }

    @Transactional
    public void tag(long workspaceId, List<Long> ids, String tag) {
        String clean = validTag(tag);
        contacts.addTags(workspaceId, ids.stream().collect(Collectors.toMap(id -> id,
                id -> List.of(clean), (a, b) -> a)));
    }

    @Transactional
    public void untag(long workspaceId, List<Long> ids, String tag) {
        contacts.removeTag(workspaceId, ids, validTag(tag));
    }

    /**
     * Opts out of marketing on every channel, one consent fact per contact with its evidence, so
     * each publishes the opt-out its webhooks and suppressions listen to.
     */
    @Transactional
    public void optOut(long workspaceId, List<Long> ids, String evidence, String actor) {
        for (long id : ids) {
            consent.record(workspaceId, id, new NewConsent(Channel.ALL, Purpose.MARKETING, ConsentStatus.OPTED_OUT,
                    ConsentSource.AGENT, evidence, actor, null));
        }
    }

    /** GDPR erasure of each, as {@link ContactManagement#erase} does for one. */
    @Transactional
    public void erase(long workspaceId, List<Long> ids) {
        ids.forEach(id -> management.erase(workspaceId, id));
    }
}
