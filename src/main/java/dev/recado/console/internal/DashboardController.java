package dev.recado.console.internal;

import dev.recado.billing.Balance;
import dev.recado.billing.BillingManagement;
import dev.recado.common.ApiException;
import dev.recado.contacts.ContactManagement;
import dev.recado.messaging.MessageReports;
import dev.recado.messaging.SenderDirectory;
import dev.recado.workspace.ConsoleUser;
import dev.recado.workspace.Workspace;
import dev.recado.workspace.WorkspaceManagement;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.json.JsonMapper;

/** The dashboard: totals, four charts over a range of days (each one a CSV too), and first steps. */
@Controller
class DashboardController {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The three things a new workspace does first; the card goes once all are done. */
    record FirstSteps(boolean contacts, boolean sent, boolean sender) {
        public boolean done() {
            return contacts && sent && sender;
        }
    }

    private final ContactManagement contacts;
    private final BillingManagement billing;
    private final WorkspaceManagement workspaces;
    private final MessageReports messages;
    private final SenderDirectory senders;
    private final DashboardReport report;
    private final MessageSource texts;
    private final Clock clock;

    DashboardController(ContactManagement contacts, BillingManagement billing, WorkspaceManagement workspaces,
            MessageReports messages, SenderDirectory senders, DashboardReport report, MessageSource texts,
            Clock clock) {
        this.contacts = contacts;
        this.billing = billing;
        this.workspaces = workspaces;
        this.messages = messages;
        this.senders = senders;
        this.report = report;
        this.texts = texts;
        this.clock = clock;
    }

    @GetMapping("/")
    String dashboard(@AuthenticationPrincipal ConsoleUser user, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, Model model) {
        long ws = user.workspaceId();
        long contactCount = contacts.count(ws);
        Balance balance = balanceOrNull(billing, ws);
        var result = report.build(ws, range(ws, from, to), balance != null);
        var steps = new FirstSteps(contactCount > 0, messages.hasSent(ws),
                senders.list(ws).stream().anyMatch(s -> !dev.recado.messaging.Sender.sandboxProvider(s.provider())));
        model.addAttribute("section", "dashboard");
        model.addAttribute("contactCount", contactCount);
        model.addAttribute("balance", balance);
        model.addAttribute("steps", steps);
        model.addAttribute("report", result);
        model.addAttribute("charts", DashboardReport.CHARTS);
        model.addAttribute("chartJson", JSON.writeValueAsString(java.util.Map.of(
                "days", result.range().days().stream().map(LocalDate::toString).toList(),
                "currency", balance == null ? "EUR" : balance.currency(),
                "charts", result.charts())));
        return "dashboard";
    }

    /** One chart's figures as the chart shows them, one row per day. */
    @GetMapping("/dashboard/{chart}.csv")
    ResponseEntity<byte[]> csv(@AuthenticationPrincipal ConsoleUser user, @PathVariable String chart,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        if (!DashboardReport.CHARTS.contains(chart)) {
            throw ApiException.notFound("Chart");
        }
        long ws = user.workspaceId();
        var result = report.build(ws, range(ws, from, to), balanceOrNull(billing, ws) != null);
        String header = texts.getMessage("dashboard.csv.date", null, LocaleContextHolder.getLocale());
        String name = chart + "-" + result.range().from() + "-" + result.range().to() + ".csv";
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString())
                .body(result.charts().get(chart).csv(result.range().days(), header).getBytes(StandardCharsets.UTF_8));
    }

    private DashboardRange range(long workspaceId, String from, String to) {
        ZoneId zone = zoneOf(workspaces.find(workspaceId).orElse(null));
        return DashboardRange.of(from, to, zone, LocalDate.now(clock.withZone(zone)));
    }

    private static ZoneId zoneOf(Workspace workspace) {
        try {
            return workspace == null || workspace.timezone() == null ? ZoneId.of("UTC") : ZoneId.of(workspace.timezone());
        } catch (DateTimeException e) {
            return ZoneId.of("UTC");
        }
    }

    /** A workspace without a billing account still gets its pages, with the balance left blank. */
    static Balance balanceOrNull(BillingManagement billing, long workspaceId) {
        try {
            return billing.balance(workspaceId);
        } catch (ApiException e) {
            return null;
        }
    }
}
