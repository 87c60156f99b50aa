package dev.recado.messaging.internal;

import dev.recado.common.ApiException;
import dev.recado.common.FieldProblem;
import dev.recado.messaging.Sender;
import dev.recado.messaging.spi.SenderState;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.annotation.Transactional;

/** Sender accounts: validated by their provider, opened once the row is committed. */
@Service
public class SenderService {

    static final Set<String> COMMON = Set.of("channel", "provider", "name", "rate_per_second", "window", "default");
    static final Set<String> SECRETS = Set.of("password", "access_token", "app_secret", "bot_token", "secret_token",
            "verify_token");

    private final SenderRepository senders;
    private final SenderRuntime runtime;
    private final Clock clock;
    private final dev.recado.common.OutboundTargets targets;

    SenderService(SenderRepository senders, SenderRuntime runtime, Clock clock,
            dev.recado.common.OutboundTargets targets) {
        this.senders = senders;
        this.runtime = runtime;
        this.clock = clock;
        this.targets = targets;
    }

    @Transactional
    public Sender create(long workspaceId, Map<String, Object> body) {
        List<FieldProblem> problems = new ArrayList<>();
        String channel = string(body, "channel");
        if (channel == null) {
            problems.add(new FieldProblem("channel", "is required"));
        }
        String provider = string(body, "provider");
        if (provider == null && "sms".equals(channel)) {
            provider = "smpp";
        }
        String name = string(body, "name");
        if (name == null || name.isBlank() || name.length() > 200) {
            problems.add(new FieldProblem("name", "is required, 1 to 200 characters"));
        }
        problems.addAll(dev.recado.common.JsonValues.strings(body, "channel", "provider", "name"));
        if (body.containsKey("default") && !(body.get("default") instanceof Boolean)) {
            problems.add(new FieldProblem("default", "must be true or false"));
        }
        int rate = integer(body, "rate_per_second", 50, 1, 10_000, problems);
        int window = integer(body, "window", 10, 1, 1_000, problems);
        Map<String, Object> settings = new LinkedHashMap<>(body);
        COMMON.forEach(settings::remove);
        if (channel != null && provider == null) {
            problems.add(new FieldProblem("provider", "is required for channel " + channel));
        }
        if (channel != null && provider != null) {
            var factory = runtime.factory(provider).orElse(null);
            if (factory == null || !factory.channel().equals(channel)) {
                problems.add(new FieldProblem("provider", "no provider " + provider + " for channel " + channel));
            } else {
                for (String key : settings.keySet()) {
                    if (!factory.settingNames().contains(key)) {
                        problems.add(new FieldProblem(key, "is not a setting of " + provider + " senders"));
                    }
                }
                problems.addAll(factory.validate(settings));
            }
        }
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        if (!"sandbox".equals(provider) && settings.get("host") instanceof String host) {
            // an SMSC on the LAN is legitimate on-premises, but the platform operator decides (sandbox senders are ours)
            targets.checkHost("host", host.strip(), workspaceId);
        }
        boolean isDefault = !Boolean.FALSE.equals(body.get("default"));
        long id = senders.insert(workspaceId, channel, provider, name.strip(), settings, rate, window, isDefault,
                clock.instant());
        Sender sender = senders.find(workspaceId, id).orElseThrow();
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                runtime.open(sender);
            }
        });
        return sender;
    }

    public Sender require(long workspaceId, long id) {
        return senders.find(workspaceId, id).orElseThrow(() -> ApiException.notFound("Sender"));
    }

    public List<Sender> list(long workspaceId, long beforeId, int limit) {
        return senders.list(workspaceId, beforeId, limit);
    }

    public SenderState state(Sender sender) {
        return sender.enabled() ? runtime.state(sender.id()) : SenderState.DISCONNECTED;
    }

    @Transactional
    public Sender disable(long workspaceId, long id) {
        require(workspaceId, id);
        senders.disable(workspaceId, id);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                runtime.close(id);
            }
        });
        return require(workspaceId, id);
    }

    /** Settings without secrets, as the API shows them. */
    public static Map<String, Object> visibleSettings(Sender sender) {
        Map<String, Object> visible = new LinkedHashMap<>(sender.settings());
        SECRETS.forEach(visible::remove);
        return visible;
    }

    private static String string(Map<String, Object> body, String key) {
        Object value = body.get(key);
        return value instanceof String s && !s.isBlank() ? s.strip() : null;
    }

    private static int integer(Map<String, Object> body, String key, int fallback, int min, int max,
            List<FieldProblem> problems) {
        Object value = body.get(key);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof Number n) || n.doubleValue() != Math.floor(n.doubleValue())
                || n.longValue() < min || n.longValue() > max) {
            problems.add(new FieldProblem(key, "must be a whole number between " + min + " and " + max));
            return fallback;
        }
        return n.intValue();
    }
}
