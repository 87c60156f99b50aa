package dev.recado.channels.sandbox;

import dev.recado.channels.smpp.SimulatedSubmission;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Service;

/**
 * The virtual phone: what a simulated customer's device received (parts joined back into one
 * text), and their replies, which reach Recado as a real MO over SMPP.
 */
@Service
@ConditionalOnProperty(name = "recado.sandbox", havingValue = "true")
public class SandboxPhone {

    /** One message as the phone shows it. */
    public record Received(String messageId, String from, String to, String text, int parts, Instant at) {
    }

    private final SandboxSmsc smsc;

    SandboxPhone(SandboxSmsc smsc) {
        this.smsc = smsc;
    }

    /** Newest first; {@code to} may be written with or without '+', spaces or dashes. */
    public List<Received> inbox(long workspaceId, String to) {
        String digits = to == null ? null : to.replaceAll("[^0-9]", "");
        String systemId = SandboxSmsc.systemIdOf(workspaceId);
        Map<String, List<SimulatedSubmission>> byMessage = new LinkedHashMap<>();
        for (SimulatedSubmission s : smsc.simulator().submissions()) {
            if (!systemId.equals(s.systemId()) || digits != null && !digits.isEmpty() && !s.destination().replaceAll("[^0-9]", "").equals(digits)) {
                continue;
            }
            String key = s.reference() != null ? s.reference() : s.messageId();
            byMessage.computeIfAbsent(key, k -> new ArrayList<>()).add(s);
        }
        List<Received> messages = new ArrayList<>();
        byMessage.forEach((reference, parts) -> {
            parts.sort(Comparator.comparingInt(SimulatedSubmission::concatSequence));
            StringBuilder text = new StringBuilder();
            parts.forEach(p -> text.append(p.text()));
            SimulatedSubmission first = parts.get(0);
            messages.add(new Received(reference, first.source(), "+" + first.destination().replaceAll("[^0-9]", ""),
                    text.toString(), parts.size(), first.receivedAt()));
        });
        messages.sort(Comparator.comparing(Received::at).reversed());
        return messages;
    }

    /** The customer answers from {@code from}; it arrives as an SMS to the workspace's sandbox number. */
    public void reply(long workspaceId, String from, String text) {
        try {
            smsc.simulator().injectMoFor(SandboxSmsc.systemIdOf(workspaceId), from, "Recado", text);
        } catch (IllegalStateException notBound) {
            // a new workspace's sandbox sender binds a moment after it is created
            throw new dev.recado.common.ApiException(503, "sandbox_not_connected",
                    "the workspace's sandbox SMS sender is still connecting; try again in a moment");
        }
    }
}
