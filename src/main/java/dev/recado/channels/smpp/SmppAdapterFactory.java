package dev.recado.channels.smpp;

import dev.recado.channels.smpp.internal.SmppChannelAdapter;
import dev.recado.channels.smpp.internal.SmppSettings;
import dev.recado.common.FieldProblem;
import dev.recado.content.sms.SmsEncoder;
import dev.recado.content.sms.SmsPlan;
import dev.recado.messaging.Content;
import dev.recado.messaging.spi.ChannelCapabilities;
import dev.recado.messaging.spi.ContentPlan;
import dev.recado.messaging.spi.AdapterListener;
import dev.recado.messaging.spi.ChannelAdapter;
import dev.recado.messaging.spi.ChannelAdapterFactory;
import dev.recado.messaging.spi.SenderConfig;
import dev.recado.messaging.spi.SettingField;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * SMS over SMPP 3.4 ({@code provider: smpp}). Settings: {@code host}, {@code port} (2775),
 * {@code system_id}, {@code password}, {@code system_type}, {@code source_address} (TON/NPI guessed
 * unless {@code source_ton}/{@code source_npi}), {@code binds} ({@code trx} or {@code tx_rx}),
 * {@code window} (10), {@code rate_per_second} (50; the dispatcher enforces it),
 * {@code enquire_link_seconds} (30), {@code registered_delivery} (true), {@code concatenation}
 * ({@code udh} or {@code sar}), {@code reconnect_min_ms}/{@code reconnect_max_ms} (1000/60000),
 * {@code submit_timeout_seconds} (10), {@code receipt_id_format} ({@code as_is},
 * {@code decimal_of_hex}, {@code hex_of_decimal}) for carriers whose receipt text writes ids
 * differently from submit_sm_resp, and {@code reconcile_by_query} (false).
 *
 * <p>After a crash, messages that were being submitted are resolved with the SMSC (see
 * {@code SmppChannelAdapter.reconcile}): through the in-process lookup given here, or, with
 * {@code reconcile_by_query}, through query_sm by our reference. That is an extension our simulator
 * and SMSCs that look up by client reference answer; only turn it on for such an SMSC, since a
 * standard one answers every unknown id as "not found". Without either, such messages fail as
 * {@code in_flight_at_crash} and are never sent twice.
 */
@Component
public class SmppAdapterFactory implements ChannelAdapterFactory {

    static final int MAX_SEGMENTS = 10;
    private static final ChannelCapabilities CAPABILITIES = new ChannelCapabilities(Set.of("text"), false, Set.of(), 0,
            false, 1600, "segment", "phone", false);

    private final Clock clock;
    private volatile Function<String, Optional<List<String>>> referenceLookup;

    public SmppAdapterFactory() {
        this(Clock.systemUTC(), null);
    }

    /** The application's clock, so receipts and MO are stamped with the time tests control. */
    @Autowired
    public SmppAdapterFactory(Clock clock) {
        this(clock, null);
    }

    /**
     * With a lookup of what the SMSC holds by our reference (e.g. {@link SmscSimulator#lookupByReference}),
     * adapters can reconcile messages whose submit outcome was lost in a crash.
     */
    public SmppAdapterFactory(Function<String, Optional<List<String>>> referenceLookup) {
        this(Clock.systemUTC(), referenceLookup);
    }

    public SmppAdapterFactory(Clock clock, Function<String, Optional<List<String>>> referenceLookup) {
        this.clock = clock;
        this.referenceLookup = referenceLookup;
    }

    /** Sets the lookup for adapters opened from now on; the sandbox calls it once its simulator runs. */
    public void setReferenceLookup(Function<String, Optional<List<String>>> referenceLookup) {
        this.referenceLookup = referenceLookup;
    }

    @Override
    public String provider() {
        return "smpp";
    }

    @Override
    public String channel() {
        return "sms";
    }

    @Override
    public Set<String> settingNames() {
        return SmppSettings.NAMES;
    }

    @Override
    public List<FieldProblem> validate(Map<String, Object> settings) {
        return SmppSettings.validate(settings);
    }

    @Override
    public Set<String> secretSettingNames() {
        return Set.of("password");
    }

    @Override
    public ChannelCapabilities capabilities() {
        return CAPABILITIES;
    }

    /** Text only; GSM 7-bit when every character allows it, else UCS-2; one unit per segment. */
    @Override
    public ContentPlan plan(Content content, boolean smartEncoding) {
        if (!(content instanceof Content.Text text)) {
            return ContentPlan.refused(content.kind(), "sms carries text only");
        }
        SmsPlan plan = SmsEncoder.plan(text.body(), smartEncoding);
        if (plan.segments() > MAX_SEGMENTS) {
            return ContentPlan.refused("body", "needs " + plan.segments() + " SMS segments; at most " + MAX_SEGMENTS);
        }
        return ContentPlan.of(plan.segments(), plan.encoding().toString());
    }

    /** Returns at once; the bind is made (and remade) in the background, reported through the listener. */
    @Override
    public ChannelAdapter open(SenderConfig config, AdapterListener listener) {
        return SmppChannelAdapter.open(config, SmppSettings.from(config.settings()), listener, referenceLookup, clock);
    }

    private static final List<SettingField> FIELDS = List.of(SettingField.text("host").asRequired(),
            SettingField.number("port"), SettingField.text("system_id").asRequired(), SettingField.secret("password"),
            SettingField.text("source_address").asRequired(), SettingField.text("system_type").asAdvanced(),
            SettingField.of("approved_sender_ids", SettingField.Kind.LIST).asAdvanced(),
            SettingField.number("source_ton").asAdvanced(), SettingField.number("source_npi").asAdvanced(),
            SettingField.choice("binds", "trx", "tx_rx").asAdvanced(), SettingField.number("enquire_link_seconds").asAdvanced(),
            SettingField.of("registered_delivery", SettingField.Kind.BOOLEAN).asAdvanced(),
            SettingField.choice("concatenation", "udh", "sar").asAdvanced(),
            SettingField.number("reconnect_min_ms").asAdvanced(), SettingField.number("reconnect_max_ms").asAdvanced(),
            SettingField.number("submit_timeout_seconds").asAdvanced(),
            SettingField.choice("receipt_id_format", "as_is", "decimal_of_hex", "hex_of_decimal").asAdvanced(),
            SettingField.of("reconcile_by_query", SettingField.Kind.BOOLEAN).asAdvanced());

    @Override
    public List<SettingField> settingFields() {
        return FIELDS;
    }
}
