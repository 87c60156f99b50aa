package dev.recado.campaigns.internal;

import dev.recado.campaigns.internal.TemplateService.Warning;
import dev.recado.content.sms.SmsEncoder;
import dev.recado.content.sms.SmsEncoding;
import dev.recado.content.sms.SmsPlan;
import java.util.List;
import java.util.TreeSet;

/**
 * An SMS preview planned as the send will plan it: with smart encoding on (what campaigns send with) the
 * text, encoding and segments are those after the swaps, so the preview, the review's estimate and the
 * message agree; with it off (the default of {@code POST /v1/messages}) the body goes as written.
 */
record SmsPreview(SmsPlan plan, List<Warning> warnings) {

    static final String UCS2 = "ucs2_characters";
    static final String SWAPPED = "smart_encoding_applied";

    static SmsPreview of(String rendered, boolean smartEncoding) {
        SmsPlan plan = SmsEncoder.plan(rendered, smartEncoding);
        if (!plan.replacements().isEmpty() && plan.encoding() == SmsEncoding.GSM7) {
            return new SmsPreview(plan, List.of(new Warning(SWAPPED, "Smart encoding swapped these characters for GSM"
                    + " ones, so the SMS stays GSM-7 (160 characters a segment); the text shown is what is sent", null,
                    notGsm7(rendered), null, null, null, plan.replacements())));
        }
        if (SmsEncoder.isGsm7(rendered)) {
            return new SmsPreview(plan, List.of());
        }
        return new SmsPreview(plan, List.of(ucs2Warning(rendered, plan, smartEncoding)));
    }

    /**
     * Smart encoding on and the text still UCS-2: a letter or an emoji no swap can fix, so only a rewrite
     * helps. Off: the fix is offered with the text and segments it would give, when the swaps alone do it.
     */
    private static Warning ucs2Warning(String text, SmsPlan plan, boolean smartEncoding) {
        String message = "These characters switch the SMS to UCS-2 (70 characters a segment instead of 160)";
        if (smartEncoding) {
            // what is left after the swaps, e.g. an emoji beside a curly quote
            return new Warning(UCS2, message, null, notGsm7(plan.text()), "rewrite", null, null, null);
        }
        SmsPlan smart = SmsEncoder.plan(text, true);
        if (smart.encoding() != SmsEncoding.GSM7) {
            return new Warning(UCS2, message, null, notGsm7(text), "rewrite", null, null, null);
        }
        return new Warning(UCS2, message, null, notGsm7(text), "smart_encoding", smart.text(), smart.segments(),
                smart.replacements());
    }

    private static List<String> notGsm7(String text) {
        var found = new TreeSet<String>();
        text.codePoints().mapToObj(Character::toString).filter(ch -> !SmsEncoder.isGsm7(ch)).forEach(found::add);
        return List.copyOf(found);
    }
}
