package dev.recado.common;

import java.util.List;
import java.util.Map;

/**
 * A refusal the client can act on. Module fronts throw it; the web edge turns it into an RFC 9457
 * problem with a stable {@code code}.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final String code;
    private final List<FieldProblem> errors;
    private final Map<String, Object> extra;

    public ApiException(int status, String code, String detail, List<FieldProblem> errors, Map<String, Object> extra) {
        super(detail);
        this.status = status;
        this.code = code;
        this.errors = List.copyOf(errors);
        this.extra = Map.copyOf(extra);
    }

    public ApiException(int status, String code, String detail) {
        this(status, code, detail, List.of(), Map.of());
    }

    public static ApiException notFound(String what) {
        return new ApiException(404, "not_found", what + " not found");
    }

    public static ApiException invalid(String field, String message) {
        return new ApiException(422, "validation_failed", field + ": " + message,
                List.of(new FieldProblem(field, message)), Map.of());
    }

    public static ApiException invalid(List<FieldProblem> problems) {
        String detail = problems.stream().map(p -> p.field() + ": " + p.message())
                .reduce((a, b) -> a + "; " + b).orElse("invalid request");
        return new ApiException(422, "validation_failed", detail, problems, Map.of());
    }

    public static ApiException conflict(String code, String detail, String existingId) {
        return new ApiException(409, code, detail, List.of(),
                existingId == null ? Map.of() : Map.of("existing_id", existingId));
    }

    public static ApiException unprocessable(String code, String detail) {
        return new ApiException(422, code, detail);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public List<FieldProblem> errors() {
        return errors;
    }

    public Map<String, Object> extra() {
        return extra;
    }
}
