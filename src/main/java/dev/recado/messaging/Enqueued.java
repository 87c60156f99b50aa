package dev.recado.messaging;

import dev.recado.common.FieldProblem;
import java.util.List;

/** The answer to one draft of a batch: accepted with its message, or refused with a stable code. */
public sealed interface Enqueued {

    /** {@code repeated} when an idempotency key or client reference answered an earlier message. */
    record Accepted(Message message, boolean repeated) implements Enqueued {
    }

    /** {@code code} is stable for machines; {@code errors} name the fields at fault, if any. */
    record Refused(String code, String detail, List<FieldProblem> errors) implements Enqueued {

        public static Refused of(String code, String detail) {
            return new Refused(code, detail, List.of());
        }

        public static Refused field(String code, String field, String message) {
            return new Refused(code, field + " " + message, List.of(new FieldProblem(field, message)));
        }
    }
}
