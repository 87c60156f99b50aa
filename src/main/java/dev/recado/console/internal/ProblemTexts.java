package dev.recado.console.internal;

import dev.recado.common.ApiException;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * A module's refusal in the reader's language. Refusals carry a stable code ({@code refusal.<code>});
 * field problems still carry only an English sentence, so the known sentences are read back into
 * a key and its values here. Anything unknown becomes "is not valid" rather than English.
 */
@Component
class ProblemTexts {

    /** One known sentence of the modules and the key that says it; groups become the arguments. */
    private record Rule(Pattern english, String key) {
    }

    private static final List<Rule> RULES = Arrays.stream(new String[][] {
        {"is not a valid phone number.*", "problem.phone"},
        {"may hold only digits, spaces and .*", "problem.phoneCharacters"},
        {"is not a valid email address", "problem.email"},
        {"a contact needs a phone or an email|no phone and no email", "problem.phoneOrEmail"},
        {"is required.*", "problem.required"},
        {"must be at most (\\d+) characters", "problem.tooLong"},
        {"must be 1 to (\\d+) characters", "problem.length"},
        {"must be 1 to 64 letters.*", "problem.tag"},
        {"\"(.*)\" is not a valid tag", "problem.tagNamed"},
        {"at most (\\d+) tags", "problem.tooManyTags"},
        {"must be an ISO 639-1 code.*", "problem.language"},
        {"must be an IANA time zone.*", "problem.timezone"},
        {"needs (\\d+) SMS segments; at most (\\d+)", "problem.segments"},
        {"has no phone number", "problem.noPhone"},
        {"the phone belongs to one contact and the email to another", "problem.identityConflict"},
        {"a contact with this phone or email already exists", "problem.exists"},
        {"text is not valid in the declared encoding.*", "problem.encoding"},
        {"unreadable CSV from here on.*", "problem.unreadable"},
        {"must be 10 to 200 characters", "problem.password"},
        {"choose at least one contact", "problem.noneSelected"},
        {"must be a positive amount up to (\\d+) with at most (\\d+) decimals", "problem.amount"},
        {"must be a date \\(YYYY-MM-DD\\)", "problem.date"},
        {"must not be before from", "problem.dateOrder"},
        {"must be a campaign of this workspace", "problem.campaign"},
        {"at most (\\d+) contacts at once", "problem.tooManyContacts"},
        {"at most (\\d+) contacts at once; narrow the search", "problem.narrowSearch"},
        // sender settings, as the providers' validation words them
        {"must be a whole number between (\\d+) and (\\d+)", "problem.between"},
        {"must be a bot token.*", "problem.botToken"},
        {"must be an http\\(s\\) URL.*", "problem.url"},
        {"must be the (number's Graph id|WhatsApp Business Account id).*", "problem.digits"},
        {"must be (a Graph|an OAuth) access token", "problem.accessToken"},
        {"must be the Meta app's secret", "problem.appSecret"},
        {"must be an email address.*", "problem.email"},
        {"must be a host name or an IP address", "problem.host"},
        {"must be one of (\\[.*])", "problem.oneOf"},
        {"is not a setting of .*", "problem.unknownSetting"},
        {"must be text of 1 to (\\d+) characters without line breaks", "problem.text"},
        // the campaigns module's sentences (templates, segments, campaigns)
        {"must be one of (.+?)(?: for (.+))?", "problem.oneOf"},
        {"(?:purpose )?must be marketing or transactional", "problem.purpose"},
        {"must be an object", "problem.object"},
        {"at most (\\d+) characters", "problem.atMost"},
        {"at most (\\d+) (variants|conditions)", "problem.tooMany"},
        {"the template has no (\\S+) variant", "problem.noVariant"},
        {"the template has a variant for none of (.+)", "problem.noVariantOfAny"},
        {"repeats another variant's channel and language", "problem.variantRepeated"},
        {"needs at least one variant", "problem.oneVariant"},
        {"an email variant needs html or text", "problem.emailText"},
        {"is not a valid template: (.*)", "problem.liquid"},
        {"names an unknown channel: (.+)", "problem.unknownChannel"},
        // an A/B variant's template exists but lacks the campaign's channel: "not a template" would mislead
        {"must name a template of this workspace .*with a variant for the campaign's channel", "problem.templateForChannel"},
        {"must name a template of this workspace.*", "problem.template"},
        {"must name a segment of this workspace.*", "problem.segment"},
        {"must name 1 to (\\d+) channels", "problem.channels"},
        {"is named twice", "problem.twice"},
        {"give either channel or channels, not both", "problem.channelOrChannels"},
        {"must be opted_in, opted_out or none", "problem.consentValue"},
        {"must be now, at or routine", "problem.scheduleType"},
        {"must be between (-?\\d+) and (-?\\d+).*", "problem.range"},
        {"must be an http or https URL.*", "problem.httpAddress"},
        {"must be an ISO-8601 time.*", "problem.time"},
        {"must be all or any", "problem.match"},
        {"must be a whole number of days.*", "problem.days"},
        {"must be a language code.*", "problem.language"},
        {"must be true or false for exists", "problem.existsValue"},
        {"must be a (?:number or a string|string, number or boolean|non-empty string)", "problem.value"},
        {"must be tag, attributes.*", "problem.field"},
        {"must be a sender id or an approved sender name", "problem.sender"},
        {"cannot be given with channel cheapest", "problem.fromCheapest"},
        {"give two to four variants", "problem.abVariants"},
        {"must be click_rate or reply_rate", "problem.winnerBy"},
    }).map(r -> new Rule(Pattern.compile(r[0], Pattern.DOTALL), r[1])).toList();

    /** A field name at the start of an import rejection: "phone is not a valid phone number" (or "phone: ..."). */
    private static final Pattern FIELD_FIRST = Pattern.compile("([a-z_]+)(?:\\[\\d+]|\\.[a-z_]+)?:? (.*)",
            Pattern.DOTALL);

    private final MessageSource messages;

    ProblemTexts(MessageSource messages) {
        this.messages = messages;
    }

    /** What a field's problem says, without the field's name (it stands beside its input). */
    String field(String english) {
        for (Rule rule : RULES) {
            Matcher m = rule.english().matcher(english == null ? "" : english.strip());
            if (m.matches()) {
                Object[] args = new Object[m.groupCount()];
                for (int i = 0; i < args.length; i++) {
                    args[i] = m.group(i + 1);
                }
                return text(rule.key(), args);
            }
        }
        return text("problem.other");
    }

    /** A field's problem with its name in front, for places without an input beside it. */
    String named(String field, String english) {
        // ab_test.variants[1].template_id is said as its input's, ab_test
        String label = messages.getMessage("field." + field, null, messages.getMessage("field." + FormErrors.baseField(field),
                null, field, LocaleContextHolder.getLocale()), LocaleContextHolder.getLocale());
        return text("problem.named", label, field(english));
    }

    /** An import row's rejection: "phone is not valid; email is not valid" in the reader's words. */
    public String rejection(String reason) {
        if (reason == null) {
            return "";
        }
        return Arrays.stream(reason.split("; ")).map(part -> {
            Matcher m = FIELD_FIRST.matcher(part);
            if (field(part).equals(text("problem.other")) && m.matches()) {
                return named(m.group(1), m.group(2));
            }
            return field(part);
        }).collect(Collectors.joining("; "));
    }

    /** The whole refusal: its code's text when there is one, else its field problems named. */
    String general(ApiException e) {
        String byCode = messages.getMessage("refusal." + e.code(), null, null, LocaleContextHolder.getLocale());
        if (byCode != null) {
            return byCode;
        }
        if (!e.errors().isEmpty()) {
            return e.errors().stream().map(p -> named(p.field(), p.message())).collect(Collectors.joining("; "));
        }
        return text(e.status() < 500 ? "error.4xx" : "error.5xx");
    }

    /** A send refusal: the send form's own words for its code, else the general ones. */
    String send(ApiException e) {
        String own = messages.getMessage("send.error." + e.code(), null, null, LocaleContextHolder.getLocale());
        return own != null ? own : general(e);
    }

    FormErrors form(ApiException e) {
        return FormErrors.of(e, this);
    }

    private String text(String key, Object... args) {
        return messages.getMessage(key, args, LocaleContextHolder.getLocale());
    }
}
