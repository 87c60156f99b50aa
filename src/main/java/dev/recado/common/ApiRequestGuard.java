package dev.recado.common;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.multipart.MultipartException;

/**
 * The API's outermost check, before anything parses the request: the query string must be
 * well-formed percent-encoded UTF-8 without NUL characters, and a Content-Type must name one
 * concrete media type. Whatever still escapes Spring MVC (a multipart body that breaks while it is
 * parsed, before any controller is chosen) becomes a problem document here, not a whitelabel page.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
class ApiRequestGuard extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(ApiRequestGuard.class);

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/v1/") && !request.getRequestURI().startsWith("/hooks/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String queryProblem = QueryStrings.problem(request.getQueryString());
        if (queryProblem != null) {
            int colon = queryProblem.indexOf(':');
            String field = queryProblem.substring(0, colon);
            String message = queryProblem.substring(colon + 1);
            write(response, 422, "validation_failed", field + ": " + message, field, message);
            return;
        }
        String contentType = request.getContentType();
        if (contentType != null && !concrete(contentType)) {
            write(response, 415, "unsupported_media_type",
                    "Content-Type must name one media type, such as application/json", null, null);
            return;
        }
        try {
            chain.doFilter(request, new ProblemOnSendError(response));
        } catch (ServletException | RuntimeException e) {
            Throwable cause = e instanceof ServletException && e.getCause() != null ? e.getCause() : e;
            if (response.isCommitted()) {
                throw e;
            }
            response.reset();
            if (cause instanceof MultipartException || cause instanceof IllegalStateException
                    && String.valueOf(cause.getMessage()).contains("multipart")) {
                log.warn("Unreadable multipart request to {}: {}", request.getRequestURI(),
                        LogSafe.of(String.valueOf(cause.getMessage())));
                write(response, 400, "malformed_multipart", "The multipart body could not be read", null, null);
            } else if (cause instanceof PayloadTooLargeException tooLarge) {
                write(response, 413, "payload_too_large", tooLarge.getMessage(), null, null);
            } else {
                log.error("Unexpected error on {}", request.getRequestURI(), cause);
                write(response, 500, "internal_error", "Something went wrong on our side", null, null);
            }
        }
    }

    /**
     * Errors Spring raises before a controller is chosen (no handler for that Content-Type, a
     * request the firewall rejects) end in sendError and the container's error page; on the API
     * they are written as problem documents instead.
     */
    static final class ProblemOnSendError extends jakarta.servlet.http.HttpServletResponseWrapper {

        ProblemOnSendError(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void sendError(int status, String message) throws IOException {
            if (isCommitted()) {
                super.sendError(status, message);
                return;
            }
            resetBuffer();
            write((HttpServletResponse) getResponse(), status, codeOf(status), detailOf(status), null, null);
        }

        @Override
        public void sendError(int status) throws IOException {
            sendError(status, null);
        }
    }

    static String codeOf(int status) {
        return switch (status) {
            case 400 -> "bad_request";
            case 401 -> "api_key_required";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 406 -> "not_acceptable";
            case 413 -> "payload_too_large";
            case 415 -> "unsupported_media_type";
            default -> status >= 500 ? "internal_error" : "bad_request";
        };
    }

    static String detailOf(int status) {
        return switch (status) {
            case 400 -> "The request is malformed (its path, query or headers)";
            case 404 -> "No such resource";
            case 405 -> "This method is not supported here";
            case 415 -> "This Content-Type is not accepted here; see the API document for what each operation takes";
            default -> status >= 500 ? "Something went wrong on our side" : "The request cannot be served";
        };
    }

    private static boolean concrete(String contentType) {
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return !type.isWildcardType() && !type.isWildcardSubtype();
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    private static void write(HttpServletResponse response, int status, String code, String detail, String field,
            String message) throws IOException {
        Problems.write(response, status, code, detail, field, message);
    }

    /** Checks raw query strings without decoding them into the container's parameter map. */
    static final class QueryStrings {

        private QueryStrings() {
        }

        /** "field:message" for the first bad parameter, or null when the query is well-formed. */
        static String problem(String query) {
            if (query == null || query.isEmpty()) {
                return null;
            }
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                String rawName = eq < 0 ? pair : pair.substring(0, eq);
                String name = decode(rawName);
                if (name == null) {
                    return "query:has a malformed %-escape or is not UTF-8";
                }
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                String field = name.isEmpty() || name.indexOf('\0') >= 0 ? "query" : LogSafe.of(name);
                if (value == null) {
                    return field + ":has a malformed %-escape or is not UTF-8";
                }
                if (name.indexOf('\0') >= 0 || value.indexOf('\0') >= 0) {
                    return field + ":" + StrictScalars.NUL_MESSAGE;
                }
            }
            return null;
        }

        private static String decode(String raw) {
            ByteBuffer bytes = ByteBuffer.allocate(raw.length());
            for (int i = 0; i < raw.length(); i++) {
                char c = raw.charAt(i);
                if (c == '%') {
                    if (i + 2 >= raw.length() || Character.digit(raw.charAt(i + 1), 16) < 0
                            || Character.digit(raw.charAt(i + 2), 16) < 0) {
                        return null;
                    }
                    bytes.put((byte) Integer.parseInt(raw.substring(i + 1, i + 3), 16));
                    i += 2;
                } else if (c == '+') {
                    bytes.put((byte) ' ');
                } else if (c > 0x7f) {
                    return null;
                } else {
                    bytes.put((byte) c);
                }
            }
            bytes.flip();
            try {
                return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes).toString();
            } catch (CharacterCodingException e) {
                return null;
            }
        }
    }
}
