package dev.recado.contacts.internal;

import dev.recado.consent.Channel;
import dev.recado.consent.ConsentManagement;
import dev.recado.consent.ConsentSource;
import dev.recado.consent.ConsentStatus;
import dev.recado.consent.NewConsent;
import dev.recado.consent.Purpose;
import dev.recado.contacts.ContactInput;
import dev.recado.contacts.ContactManagement;
import dev.recado.workspace.WorkspaceCreated;
import java.util.List;
import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** The demo workspace of a first start gets a few customers to try every flow with. */
@Component
class DemoContacts {

    private final ContactManagement contacts;
    private final ConsentManagement consent;

    DemoContacts(ContactManagement contacts, ConsentManagement consent) {
        this.contacts = contacts;
        this.consent = consent;
    }

    @EventListener
    void on(WorkspaceCreated created) {
        if (!created.demo()) {
            return;
        }
        long ws = created.workspaceId();
        record Sample(String phone, String email, String first, String last, List<String> tags, String city,
                boolean marketing) {
        }
        var samples = List.of(
                new Sample("+34600000001", "lucia@example.com", "Lucía", "Fernández", List.of("vip"), "Madrid", true),
                new Sample("+34600000002", "javier@example.com", "Javier", "Moreno", List.of("newsletter"), "Sevilla", true),
                new Sample("+34600000003", null, "Carmen", "Ruiz", List.of("appointments"), "Valencia", false),
                new Sample("+34600000004", "pablo@example.com", "Pablo", "Navarro", List.of("vip", "newsletter"), "Bilbao", true),
                new Sample("+34600000005", null, "Marta", "Gil", List.of(), "Málaga", false),
                new Sample("+525512345678", "sofia@example.com", "Sofía", "Hernández", List.of("newsletter"), "CDMX", true));
        for (Sample s : samples) {
            var contact = contacts.create(ws, new ContactInput(s.phone(), s.email(), s.first(), s.last(), null, null,
                    s.tags(), Map.of("city", s.city())), true).contact();
            if (s.marketing()) {
                consent.record(ws, contact.id(), new NewConsent(Channel.ALL, Purpose.MARKETING, ConsentStatus.OPTED_IN,
                        ConsentSource.FORM, "Demo data: signed up at the shop counter", "demo", null));
            }
        }
    }
}
