package dev.recado.campaigns.internal;

import dev.recado.common.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import liqp.Template;
import liqp.TemplateParser;

/**
 * A variant parsed once (Liquid, through liqp) and rendered for many recipients: a campaign
 * compiles each variant before its first page and reuses it for every contact.
 */
final class CompiledVariant {

    private static final TemplateParser PARSER = new TemplateParser.Builder()
            .withMaxIterations(1_000)
            .withMaxSizeRenderedString(10_000)
            .build();
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{-?\\s*([A-Za-z_][A-Za-z0-9_]*(?:\\.[A-Za-z0-9_]+)?)");

    private final TemplateVariant source;
    private final Template body;
    private final Template subject;
    private final Template html;
    private final Template text;
    private final List<Template> params;

    private CompiledVariant(TemplateVariant source) {
        this.source = source;
        this.body = parse(source.body());
        this.subject = parse(source.subject());
        this.html = parse(source.html());
        this.text = parse(source.text());
        this.params = source.params() == null ? List.of()
                : source.params().stream().map(CompiledVariant::parse).toList();
    }

    /** Throws {@link IllegalArgumentException} naming the part whose syntax is wrong. */
    static CompiledVariant compile(TemplateVariant source) {
        return new CompiledVariant(source);
    }

    TemplateVariant source() {
        return source;
    }

    String body(Map<String, Object> fields) {
        return render(body, fields);
    }

    String subject(Map<String, Object> fields) {
        return render(subject, fields);
    }

    String html(Map<String, Object> fields) {
        return render(html, fields);
    }

    String text(Map<String, Object> fields) {
        return render(text, fields);
    }

    List<String> params(Map<String, Object> fields) {
        List<String> out = new ArrayList<>();
        params.forEach(p -> out.add(render(p, fields)));
        return out;
    }

    /** Placeholders the fields cannot fill ({@code attributes.x} counts as known only when set). */
    Set<String> unknownPlaceholders(Map<String, Object> fields) {
        Set<String> unknown = new TreeSet<>();
        for (String part : new String[] {source.body(), source.subject(), source.html(), source.text()}) {
            if (part == null) {
                continue;
            }
            Matcher m = PLACEHOLDER.matcher(part);
            while (m.find()) {
                String name = m.group(1);
                int dot = name.indexOf('.');
                String root = dot < 0 ? name : name.substring(0, dot);
                boolean known = fields.containsKey(root) && (dot < 0 || fields.get(root) instanceof Map<?, ?> map
                        && map.containsKey(name.substring(dot + 1)));
                if (!known) {
                    unknown.add(name);
                }
            }
        }
        return unknown;
    }

    private static Template parse(String source) {
        if (source == null) {
            return null;
        }
        try {
            return PARSER.parse(source);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("is not a valid template: " + firstLine(e.getMessage()));
        }
    }

    private static String render(Template template, Map<String, Object> fields) {
        if (template == null) {
            return null;
        }
        try {
            return template.render(fields);
        } catch (RuntimeException e) {
            throw new ApiException(422, "template_render_failed", "The template could not be rendered: "
                    + firstLine(e.getMessage()));
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "syntax error";
        }
        String line = message.lines().findFirst().orElse("syntax error");
        return line.length() > 200 ? line.substring(0, 200) : line;
    }
}
