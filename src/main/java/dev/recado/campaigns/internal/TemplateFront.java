package dev.recado.campaigns.internal;

import dev.recado.campaigns.TemplateManagement;
import java.util.List;
import org.springframework.stereotype.Service;

/** {@link TemplateManagement} over the template service the REST API uses. */
@Service
class TemplateFront implements TemplateManagement {

    private final TemplateService templates;

    TemplateFront(TemplateService templates) {
        this.templates = templates;
    }

    @Override
    public List<String> channels() {
        return TemplateService.CHANNELS.stream().sorted().toList();
    }

    @Override
    public List<TemplateView> list(long workspaceId, long beforeId, int limit) {
        return templates.list(workspaceId, beforeId, limit).stream().map(TemplateFront::view).toList();
    }

    @Override
    public TemplateView require(long workspaceId, long id) {
        return view(templates.require(workspaceId, id));
    }

    @Override
    public TemplateView create(long workspaceId, String name, String purpose, List<Variant> variants) {
        return view(templates.create(workspaceId, name, purpose,
                variants == null ? null : variants.stream().map(TemplateFront::variant).toList()));
    }

    @Override
    public TemplateView update(long workspaceId, long id, String name, String purpose, List<Variant> variants) {
        return view(templates.update(workspaceId, id, name, purpose,
                variants == null ? null : variants.stream().map(TemplateFront::variant).toList()));
    }

    @Override
    public void delete(long workspaceId, long id) {
        templates.delete(workspaceId, id);
    }

    @Override
    public Preview preview(long workspaceId, long templateId, long contactId, String channel, String language) {
        return preview(templates.preview(workspaceId, templates.require(workspaceId, templateId), contactId, channel,
                language, true));
    }

    @Override
    public Preview previewUnsaved(long workspaceId, String purpose, Variant variant, long contactId) {
        return preview(templates.previewUnsaved(workspaceId, purpose, variant(variant), contactId));
    }

    private static Preview preview(TemplateService.TemplatePreview p) {
        return new Preview(p.channel(), p.language(), p.text(), p.subject(), p.encoding(), p.segments(), p.price(),
                p.currency(), p.warnings().stream().map(w -> new Warning(w.code(), w.message(), w.placeholder(),
                        w.characters(), w.fixedText(), w.replacements())).toList());
    }

    static TemplateVariant variant(Variant v) {
        return v == null ? null : new TemplateVariant(v.channel(), v.language(), v.body(), v.subject(), v.html(),
                v.text(), v.whatsappTemplate(), v.params());
    }

    private static TemplateView view(MessageTemplate t) {
        return new TemplateView(t.id(), t.name(), t.purpose(), t.variants().stream().map(TemplateFront::view).toList(),
                t.createdAt());
    }

    static Variant view(TemplateVariant v) {
        return new Variant(v.channel(), v.language(), v.body(), v.subject(), v.html(), v.text(), v.whatsappTemplate(),
                v.params());
    }
}
