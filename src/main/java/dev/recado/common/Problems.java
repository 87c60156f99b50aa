package dev.recado.common;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/** Builds the RFC 9457 bodies every error of the API shares. */
public final class Problems {

    public static final String TYPE_BASE = "https://recado.dev/problems/";

    private Problems() {
    }

    public static ProblemDetail of(int status, String code, String detail, List<FieldProblem> errors,
            Map<String, Object> extra) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(status), detail);
        problem.setType(URI.create(TYPE_BASE + code));
        HttpStatus known = HttpStatus.resolve(status);
        problem.setTitle(known != null ? known.getReasonPhrase() : "Error");
        problem.setProperty("code", code);
        if (!errors.isEmpty()) {
            problem.setProperty("errors", errors);
        }
        extra.forEach(problem::setProperty);
        return problem;
    }

    public static ProblemDetail of(int status, String code, String detail) {
        return of(status, code, detail, List.of(), Map.of());
    }

    public static ProblemDetail of(ApiException e) {
        return of(e.status(), e.code(), e.getMessage(), e.errors(), e.extra());
    }

    /**
     * Answers with the problem as the whole response (UTF-8 text), for filters that refuse a request
     * before Spring MVC is reached; {@code field} null for none.
     */
    public static void write(jakarta.servlet.http.HttpServletResponse response, int status, String code, String detail,
            String field, String message) throws java.io.IOException {
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(json(status, code, detail, field, message));
    }

    /** The same body as JSON text, for filters that answer before Spring MVC is reached. */
    public static String json(int status, String code, String detail) {
        return json(status, code, detail, null, null);
    }

    /** As {@link #json(int, String, String)}, with one entry in {@code errors} when a field is named. */
    public static String json(int status, String code, String detail, String field, String message) {
        HttpStatus known = HttpStatus.resolve(status);
        String errors = field == null ? ""
                : ",\"errors\":[{\"field\":\"" + escape(field) + "\",\"message\":\"" + escape(message) + "\"}]";
        return "{\"type\":\"" + TYPE_BASE + code + "\",\"title\":\"" + (known != null ? known.getReasonPhrase() : "Error")
                + "\",\"status\":" + status + ",\"detail\":\"" + escape(detail) + "\",\"code\":\"" + code + "\"" + errors + "}";
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
