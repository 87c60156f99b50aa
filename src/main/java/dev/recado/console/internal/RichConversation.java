package dev.recado.console.internal;

import dev.recado.channels.sandbox.SandboxHandset;
import dev.recado.common.PublicId;
import dev.recado.contacts.Contact;
import dev.recado.messaging.Content;
import dev.recado.messaging.Message;
import dev.recado.messaging.MessageFilter;
import dev.recado.messaging.MessageManagement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The virtual phone's screen on a rich channel (WhatsApp, RCS): what the channel's sandbox handset
 * received, drawn as the channel's app draws it (media, reply buttons, list menus, rich cards and
 * suggestion chips), and the number's own answers on that channel as Recado stored them, newest first.
 */
record RichConversation(List<Bubble> bubbles) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * Something the customer can do with a message: {@code reply} taps send {@code id} back with
     * {@code text} as the title; {@code link} opens {@code href}; {@code label} only shows {@code text}.
     */
    record Choice(String action, String id, String text, String href) {
    }

    /** A media item: an {@code image} is shown, any other kind is an attachment link labelled by kind. */
    record Attachment(String kind, String url, String label) {
    }

    /** One rich card of an RCS message, alone or in a carousel. */
    record Card(String title, String description, String image, List<Choice> chips) {
    }

    /**
     * {@code side}: "received" or "sent"; {@code label}: what kind of message it is when the text does
     * not say (a template's name); {@code buttons} are reply buttons, {@code sections} a list menu
     * opened by {@code listButton}, {@code chips} the suggestions under the whole message.
     */
    record Bubble(String side, String kind, String label, String text, Instant at, String messageId, Attachment media,
            List<Choice> buttons, String listButton, List<Content.ListSection> sections, List<Card> cards,
            List<Choice> chips) {

        static Bubble text(String side, String kind, String text, Instant at, String messageId) {
            return new Bubble(side, kind, null, text, at, messageId, null, List.of(), null, List.of(), List.of(), List.of());
        }
    }

    static RichConversation of(SandboxHandset handset, String channel, MessageManagement messages, long workspaceId,
            String number, Contact contact) {
        var received = handset.inbox(workspaceId, number).stream()
                .map(r -> received(content(r.content()), r.text(), r.at(), r.messageId()));
        Stream<Bubble> sent = contact == null ? Stream.empty() : messages.list(workspaceId,
                        new MessageFilter(null, channel, contact.id(), null, "inbound"), Long.MAX_VALUE,
                        PhoneConversation.SHOWN).stream()
                .map(RichConversation::sent);
        List<Bubble> all = new ArrayList<>(Stream.concat(received, sent).toList());
        all.sort(Comparator.comparing(Bubble::at).reversed());
        return new RichConversation(List.copyOf(all.subList(0, Math.min(all.size(), PhoneConversation.SHOWN))));
    }

    /** A row the handset wrote under an older shape of a content kind shows as its summary. */
    private static Content content(Object stored) {
        try {
            return JSON.convertValue(stored, Content.class);
        } catch (JacksonException e) {
            return null;
        }
    }

    private static Bubble sent(Message m) {
        String text = m.content() instanceof Content.Reply r ? r.summary() : m.body();
        return Bubble.text("sent", m.content() == null ? "text" : m.content().kind(), text, m.createdAt(),
                PublicId.of(ConsoleFormat.MESSAGE, m.id()));
    }

    static Bubble received(Content content, String summary, Instant at, String messageId) {
        return switch (content) {
            case Content.Text t -> Bubble.text("received", "text", t.body(), at, messageId);
            case Content.Media m -> new Bubble("received", "media", null, m.caption(), at, messageId,
                    attachment(m), List.of(), null, List.of(), List.of(), List.of());
            case Content.Interactive i -> new Bubble("received", "interactive", null, i.body(), at, messageId, null,
                    i.buttons() == null ? List.of() : i.buttons().stream()
                            .map(b -> new Choice("reply", b.id(), b.title(), null)).toList(),
                    i.listButton(), i.sections() == null ? List.of() : i.sections(), List.of(), List.of());
            case Content.TemplateRef t -> template(t, at, messageId);
            case Content.Location l -> new Bubble("received", "location", null, l.summary(), at, messageId, null,
                    List.of(), null, List.of(), List.of(), List.of(new Choice("link", null, l.summary(),
                            "https://www.openstreetmap.org/?mlat=" + l.latitude() + "&mlon=" + l.longitude())));
            case Content.Card c -> new Bubble("received", "card", null, c.body(), at, messageId, null, List.of(),
                    null, List.of(), c.cards() == null ? List.of() : c.cards().stream()
                            .map(i -> new Card(i.title(), i.description(), web(i.mediaUrl()), chips(i.suggestions()))).toList(),
                    chips(c.suggestions()));
            case null, default -> Bubble.text("received", content == null ? "text" : content.kind(), summary, at, messageId);
        };
    }

    /** The provider keeps a template's words; the handset shows its name, header and parameters. */
    private static Bubble template(Content.TemplateRef t, Instant at, String messageId) {
        List<String> lines = new ArrayList<>();
        if (t.header() != null && t.header().text() != null) {
            lines.add(t.header().text());
        }
        if (t.params() != null) {
            lines.addAll(t.params());
        }
        Attachment media = t.header() == null || web(t.header().url()) == null ? null
                : new Attachment(t.header().type(), web(t.header().url()), t.header().type());
        List<Choice> buttons = t.buttons() == null ? List.of() : t.buttons().stream()
                .filter(b -> "quick_reply".equals(b.type()) && b.value() != null)
                .map(b -> new Choice("reply", b.value(), b.value(), null)).toList();
        return new Bubble("received", "template", t.name() + " · " + t.language(), String.join("\n", lines), at,
                messageId, media, buttons, null, List.of(), List.of(), List.of());
    }

    private static Attachment attachment(Content.Media m) {
        String url = web(m.url());
        String name = url == null ? m.mediaKind() : url.substring(url.lastIndexOf('/') + 1);
        return new Attachment(m.mediaKind(), url, name.isBlank() ? m.mediaKind() : name);
    }

    private static List<Choice> chips(List<Content.Suggestion> suggestions) {
        return suggestions == null ? List.of() : suggestions.stream().map(RichConversation::chip)
                .filter(Objects::nonNull).toList();
    }

    private static Choice chip(Content.Suggestion s) {
        return switch (s.type() == null ? "" : s.type()) {
            case "reply" -> new Choice("reply", s.postbackData(), s.text(), null);
            case "open_url" -> web(s.url()) == null ? new Choice("label", null, s.text(), null)
                    : new Choice("link", null, s.text(), web(s.url()));
            case "dial" -> s.phoneNumber() == null ? new Choice("label", null, s.text(), null)
                    : new Choice("link", null, s.text(), "tel:" + s.phoneNumber().replaceAll("[^0-9+]", ""));
            case "view_location" -> new Choice("link", null, s.text(),
                    "https://www.openstreetmap.org/?mlat=" + s.latitude() + "&mlon=" + s.longitude());
            default -> new Choice("label", null, s.text(), null);
        };
    }

    /** Only web addresses become links or images: a {@code javascript:} URL must not run in the console. */
    private static String web(String url) {
        return url != null && (url.startsWith("https://") || url.startsWith("http://")) ? url : null;
    }
}
