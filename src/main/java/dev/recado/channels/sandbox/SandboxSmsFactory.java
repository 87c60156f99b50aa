package dev.recado.channels.sandbox;

import dev.recado.channels.smpp.SmppAdapterFactory;
import dev.recado.common.FieldProblem;
import dev.recado.messaging.Content;
import dev.recado.messaging.spi.ChannelCapabilities;
import dev.recado.messaging.spi.ContentPlan;
import dev.recado.messaging.spi.AdapterListener;
import dev.recado.messaging.spi.ChannelAdapter;
import dev.recado.messaging.spi.ChannelAdapterFactory;
import dev.recado.messaging.spi.SenderConfig;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Provider {@code sandbox}: a real SMPP bind to the in-process simulator. Because the simulator is
 * ours, in-flight messages after a crash are reconciled exactly (by our reference).
 */
@Component
@ConditionalOnProperty(name = "recado.sandbox", havingValue = "true")
class SandboxSmsFactory implements ChannelAdapterFactory {

    private final SandboxSmsc smsc;
    private final SmppAdapterFactory smpp;

    SandboxSmsFactory(SandboxSmsc smsc, Clock clock) {
        this.smsc = smsc;
        this.smpp = new SmppAdapterFactory(clock, smsc.simulator()::lookupByReference);
    }

    @Override
    public String provider() {
        return "sandbox";
    }

    @Override
    public String channel() {
        return "sms";
    }

    @Override
    public Set<String> settingNames() {
        return Set.of("source_address");
    }

    @Override
    public List<FieldProblem> validate(Map<String, Object> settings) {
        List<FieldProblem> problems = new ArrayList<>();
        Object source = settings.get("source_address");
        if (source != null && !(source instanceof String s && s.matches("[A-Za-z0-9 ]{1,11}|\\+?[0-9]{3,15}"))) {
            problems.add(new FieldProblem("source_address", "must be up to 11 letters and digits, or a number"));
        }
        return problems;
    }

    @Override
    public Set<String> secretSettingNames() {
        return Set.of();
    }

    /** The sandbox is a carrier like any other: it carries and plans what SMPP does. */
    @Override
    public ChannelCapabilities capabilities() {
        return smpp.capabilities();
    }

    @Override
    public ContentPlan plan(Content content, boolean smartEncoding) {
        return smpp.plan(content, smartEncoding);
    }

    @Override
    public ChannelAdapter open(SenderConfig config, AdapterListener listener) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("host", "127.0.0.1");
        settings.put("port", smsc.simulator().port());
        settings.put("system_id", SandboxSmsc.systemIdOf(config.workspaceId()));
        settings.put("password", "sandbox");
        settings.put("source_address", config.string("source_address", "Recado"));
        settings.put("window", 50);
        return smpp.open(new SenderConfig(config.senderId(), config.workspaceId(), config.name(), settings), listener);
    }
}
