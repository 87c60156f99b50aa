package dev.recado.workspace;

import dev.recado.common.ApiException;
import dev.recado.common.FieldProblem;
import dev.recado.workspace.internal.ApiKeyRepository;
import dev.recado.workspace.internal.ApiKeys;
import dev.recado.workspace.internal.WorkspaceRepository;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The workspace module's front: tenants, their branding and their API keys. */
@Service
public class WorkspaceManagement {

    public static final BigDecimal DEFAULT_TRIAL_CREDIT = new BigDecimal("0.60");
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    private final WorkspaceRepository workspaces;
    private final ApiKeyRepository keys;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    WorkspaceManagement(WorkspaceRepository workspaces, ApiKeyRepository keys, ApplicationEventPublisher events,
            Clock clock) {
        this.workspaces = workspaces;
        this.keys = keys;
        this.events = events;
        this.clock = clock;
    }

    /** Creates a workspace and its first full-scope key. */
    @Transactional
    public WorkspaceWithKey create(NewWorkspace request, boolean demo) {
        NewWorkspace valid = validate(request);
        var now = clock.instant();
        var draft = new Workspace(0, valid.name(), valid.defaultCountry(), valid.defaultLanguage(), valid.timezone(),
                valid.currency(), valid.logoUrl(), valid.brandColor(), false, true, now);
        long id = workspaces.insert(draft);
        CreatedApiKey key = createKey(id, "Default key", ApiKeyScope.FULL);
        BigDecimal trial = valid.trialCredit() == null ? DEFAULT_TRIAL_CREDIT : valid.trialCredit();
        events.publishEvent(new WorkspaceCreated(id, valid.currency(), trial, demo));
        return new WorkspaceWithKey(require(id), key);
    }

    public Optional<Workspace> find(long id) {
        return workspaces.find(id);
    }

    /**
     * Read on every API call that needs a default (country, zone, currency), so kept for a few
     * seconds; every change made through this class replaces the cached copy at once.
     */
    public Workspace require(long id) {
        var cached = cache.get(id);
        var now = clock.instant();
        if (cached != null && cached.loadedAt().plus(CACHE_TTL).isAfter(now)) {
            return cached.workspace();
        }
        Workspace fresh = workspaces.find(id).orElseThrow(() -> ApiException.notFound("Workspace"));
        cache.put(id, new Cached(fresh, now));
        return fresh;
    }

    private record Cached(Workspace workspace, java.time.Instant loadedAt) {
    }

    private static final java.time.Duration CACHE_TTL = java.time.Duration.ofSeconds(10);
    private final java.util.Map<Long, Cached> cache = new java.util.concurrent.ConcurrentHashMap<>();

    public Optional<Workspace> defaultWorkspace() {
        return workspaces.first();
    }

    public List<Workspace> list(long beforeId, int limit) {
        return workspaces.list(beforeId, limit);
    }

    @Transactional
    public Workspace update(long id, WorkspaceChanges changes) {
        Workspace current = require(id);
        List<FieldProblem> problems = new ArrayList<>();
        String name = changes.name() == null ? current.name() : changes.name().strip();
        if (name.isEmpty() || name.length() > 200) {
            problems.add(new FieldProblem("name", "must be 1 to 200 characters"));
        }
        String color = changes.brandColor() == null ? current.brandColor() : changes.brandColor();
        if (color != null && !color.matches("#[0-9a-fA-F]{6}")) {
            problems.add(new FieldProblem("brand_color", "must be a colour like #1a7f5a"));
        }
        String logo = changes.logoUrl() == null ? current.logoUrl() : changes.logoUrl();
        if (logo != null && !logo.isEmpty() && !logo.matches("https?://\\S{1,990}")) {
            problems.add(new FieldProblem("logo_url", "must be an http(s) URL"));
        }
        String country = changes.defaultCountry() == null ? current.defaultCountry() : changes.defaultCountry();
        if (!COUNTRIES.contains(country)) {
            problems.add(new FieldProblem("default_country", "must be an ISO 3166 alpha-2 code such as ES"));
        }
        String language = changes.defaultLanguage() == null ? current.defaultLanguage() : changes.defaultLanguage();
        if (!language.matches("[a-z]{2}")) {
            problems.add(new FieldProblem("default_language", "must be an ISO 639-1 code such as es"));
        }
        String timezone = changes.timezone() == null ? current.timezone() : changes.timezone();
        if (!validZone(timezone)) {
            problems.add(new FieldProblem("timezone", "must be an IANA time zone such as Europe/Madrid"));
        }
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        var updated = new Workspace(id, name, country, language, timezone, current.currency(),
                logo == null || logo.isEmpty() ? null : logo, color,
                changes.suspended() == null ? current.suspended() : changes.suspended(),
                changes.emailDoubleOptIn() == null ? current.emailDoubleOptIn() : changes.emailDoubleOptIn(),
                current.createdAt(),
                changes.allowPrivateHosts() == null ? current.allowPrivateHosts() : changes.allowPrivateHosts());
        workspaces.update(updated);
        cache.remove(id);
        keys.evictAll();
        return updated;
    }

    @Transactional
    public CreatedApiKey createKey(long workspaceId, String name, ApiKeyScope scope) {
        String clean = name == null ? "" : name.strip();
        if (clean.isEmpty() || clean.length() > 200) {
            throw ApiException.invalid("name", "must be 1 to 200 characters");
        }
        String secret = ApiKeys.generate();
        var now = clock.instant();
        long id = keys.insert(workspaceId, clean, ApiKeys.hint(secret), ApiKeys.hash(secret), scope, now);
        return new CreatedApiKey(id, clean, secret, scope, now);
    }

    /** Makes an operator-chosen key (RECADO_BOOTSTRAP_API_KEY) a key of the workspace, once. */
    @Transactional
    public void ensureKey(long workspaceId, String name, String secret) {
        if (!ApiKeys.looksValid(secret)) {
            throw new IllegalArgumentException("RECADO_BOOTSTRAP_API_KEY must start with rk_ and have 20 to 100 URL-safe characters");
        }
        if (!keys.existsByHash(ApiKeys.hash(secret))) {
            keys.insert(workspaceId, name, ApiKeys.hint(secret), ApiKeys.hash(secret), ApiKeyScope.FULL, clock.instant());
        }
    }

    public List<ApiKeyView> listKeys(long workspaceId, long beforeId, int limit) {
        return keys.list(workspaceId, beforeId, limit);
    }

    @Transactional
    public ApiKeyView revokeKey(long workspaceId, long keyId) {
        keys.find(workspaceId, keyId).orElseThrow(() -> ApiException.notFound("API key"));
        keys.revoke(workspaceId, keyId, clock.instant());
        return keys.find(workspaceId, keyId).orElseThrow();
    }

    private NewWorkspace validate(NewWorkspace r) {
        List<FieldProblem> problems = new ArrayList<>();
        String name = r.name() == null ? "" : r.name().strip();
        if (name.isEmpty() || name.length() > 200) {
            problems.add(new FieldProblem("name", "is required, 1 to 200 characters"));
        }
        String country = r.defaultCountry() == null ? "ES" : r.defaultCountry().toUpperCase(Locale.ROOT);
        if (!COUNTRIES.contains(country)) {
            problems.add(new FieldProblem("default_country", "must be an ISO 3166 alpha-2 code such as ES"));
        }
        String language = r.defaultLanguage() == null ? "es" : r.defaultLanguage().toLowerCase(Locale.ROOT);
        if (!language.matches("[a-z]{2}")) {
            problems.add(new FieldProblem("default_language", "must be an ISO 639-1 code such as es"));
        }
        String timezone = r.timezone() == null ? "Europe/Madrid" : r.timezone();
        if (!validZone(timezone)) {
            problems.add(new FieldProblem("timezone", "must be an IANA time zone such as Europe/Madrid"));
        }
        String currency = r.currency() == null ? "EUR" : r.currency().toUpperCase(Locale.ROOT);
        try {
            Currency.getInstance(currency);
        } catch (IllegalArgumentException e) {
            problems.add(new FieldProblem("currency", "must be an ISO 4217 code such as EUR"));
        }
        if (r.trialCredit() != null && (r.trialCredit().signum() < 0 || r.trialCredit().scale() > 6
                || r.trialCredit().compareTo(new BigDecimal("1000000")) > 0)) {
            problems.add(new FieldProblem("trial_credit", "must be between 0 and 1000000 with at most 6 decimals"));
        }
        if (r.brandColor() != null && !r.brandColor().matches("#[0-9a-fA-F]{6}")) {
            problems.add(new FieldProblem("brand_color", "must be a colour like #1a7f5a"));
        }
        if (r.logoUrl() != null && !r.logoUrl().matches("https?://\\S{1,990}")) {
            problems.add(new FieldProblem("logo_url", "must be an http(s) URL"));
        }
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        return new NewWorkspace(name, country, language, timezone, currency, r.trialCredit(), r.logoUrl(), r.brandColor());
    }

    private static boolean validZone(String zone) {
        try {
            ZoneId.of(zone);
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }
}
