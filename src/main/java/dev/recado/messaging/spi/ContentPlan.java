package dev.recado.messaging.spi;

import dev.recado.common.FieldProblem;
import java.util.List;

/**
 * How a channel will send one content: the billable {@code units} (SMS segments; 1 elsewhere), the
 * {@code encoding} where the channel has one (SMS {@code gsm7}/{@code ucs2}), and the problems that
 * keep it from being sent at all (too long, a kind the channel cannot carry).
 */
public record ContentPlan(int units, String encoding, List<FieldProblem> problems) {

    public static ContentPlan of(int units, String encoding) {
        return new ContentPlan(units, encoding, List.of());
    }

    public static ContentPlan refused(String field, String message) {
        return new ContentPlan(0, null, List.of(new FieldProblem(field, message)));
    }

    public boolean sendable() {
        return problems.isEmpty();
    }
}
