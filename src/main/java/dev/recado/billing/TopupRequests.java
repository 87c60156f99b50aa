package dev.recado.billing;

import dev.recado.common.ApiException;
import dev.recado.common.PublicId;
import dev.recado.billing.internal.TopupRequestRepository;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Top-up requests: a workspace asks for credit, the platform operator (who is paid outside Recado)
 * credits it. Crediting goes through {@link BillingManagement#credit} with the request's id as the
 * ledger reference, which is also how a credit made directly on the workspace settles a request.
 */
@Service
public class TopupRequests {

    public static final String PREFIX = "top_";
    static final BigDecimal MAX_REQUEST = new BigDecimal("100000");
    private static final Set<String> STATUSES = Set.of(TopupRequest.PENDING, TopupRequest.CREDITED);

    private final TopupRequestRepository requests;
    private final BillingManagement billing;
    private final Clock clock;

    TopupRequests(TopupRequestRepository requests, BillingManagement billing, Clock clock) {
        this.requests = requests;
        this.billing = billing;
        this.clock = clock;
    }

    @Transactional
    public TopupRequest request(long workspaceId, BigDecimal amount, String note, String requestedBy) {
        if (amount == null || amount.signum() <= 0 || amount.compareTo(MAX_REQUEST) > 0 || amount.scale() > 2) {
            throw ApiException.invalid("amount", "must be a positive amount up to 100000 with at most 2 decimals");
        }
        String cleanNote = note == null || note.isBlank() ? null : note.strip();
        if (cleanNote != null && cleanNote.length() > 500) {
            throw ApiException.invalid("note", "must be at most 500 characters");
        }
        String currency = billing.balance(workspaceId).currency();
        long id = requests.insert(workspaceId, amount, currency, cleanNote, requestedBy, clock.instant());
        return require(workspaceId, id);
    }

    /** A workspace's requests, or every workspace's for the platform ({@code workspaceId} null). */
    public List<TopupRequest> list(Long workspaceId, String status, long beforeId, int limit) {
        if (status != null && !STATUSES.contains(status)) {
            throw ApiException.invalid("status", "must be one of " + STATUSES.stream().sorted().toList());
        }
        return requests.list(workspaceId, status, beforeId, limit);
    }

    /** A request of this workspace (any, for the platform's null), or the 404 every other id gets. */
    public TopupRequest require(Long workspaceId, long id) {
        return requests.find(workspaceId, id).orElseThrow(() -> ApiException.notFound("Top-up request"));
    }

    /**
     * The platform credits a pending request: the requested amount unless it says another (what was
     * actually paid). A request credited already is a 409, and nothing moves.
     */
    @Transactional
    public TopupRequest credit(long id, BigDecimal amount, String description) {
        TopupRequest request = require(null, id);
        billing.credit(request.workspaceId(), amount == null ? request.amount() : amount, PublicId.of(PREFIX, id),
                description);
        return require(null, id);
    }
}
