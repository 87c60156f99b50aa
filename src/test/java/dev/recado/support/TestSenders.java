package dev.recado.support;

import dev.recado.messaging.SenderDirectory;
import java.util.Map;

/** Senders a test's workspace needs only to exist, not to send through. */
public final class TestSenders {

    private TestSenders() {
    }

    /**
     * An SMS sender made the default at once (a carrier account whose host never answers: nothing is
     * sent), so acceptance and the campaign review take SMS as a channel that has a sender.
     */
    public static String smsDefault(SenderDirectory senders, long workspaceId) {
        return senders.create(workspaceId, Map.of("channel", "sms", "name", "Operador", "host", "127.0.0.1",
                "port", 9, "system_id", "test", "password", "secret", "source_address", "Tienda",
                "default", true)).id();
    }

    /** The same for email: an SMTP relay that never answers, the default at once. */
    public static String emailDefault(SenderDirectory senders, long workspaceId) {
        return senders.create(workspaceId, Map.of("channel", "email", "name", "Correo", "smtp_host", "127.0.0.1",
                "smtp_port", 9, "tls", "none", "from_address", "hola@tienda.test", "default", true)).id();
    }
}
