package dev.recado.console.internal;

import dev.recado.campaigns.CampaignManagement;
import dev.recado.workspace.WorkspaceManagement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import tools.jackson.databind.json.JsonMapper;

/** A campaign's page model: the campaign, its report, its progress and its charts; {@code @campaignPages} in templates. */
@Component("campaignPages")
class CampaignReportView {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** States in which the numbers still move, so the progress block polls. */
    private static final Set<String> MOVING = Set.of("scheduled", "running");
    private static final Set<String> FINISHED = Set.of("completed", "canceled", "failed");

    /** How far the sending went: messages out (or skipped, or failed) of those targeted. */
    record Progress(long handled, long targeted, int percent, long skipped) {

        static Progress of(CampaignManagement.Stats s, boolean finished) {
            long skipped = s.skipped().values().stream().mapToLong(Long::longValue).sum();
            long handled = s.sent() + s.failed() + s.canceled() + skipped;
            int percent = s.targeted() == 0 ? (finished ? 100 : 0)
                    : (int) Math.min(100, handled * 100 / s.targeted());
            return new Progress(handled, s.targeted(), percent, skipped);
        }
    }

    private final CampaignManagement campaigns;
    private final WorkspaceManagement workspaces;
    private final ConsoleTexts texts;

    CampaignReportView(CampaignManagement campaigns, WorkspaceManagement workspaces, ConsoleTexts texts) {
        this.campaigns = campaigns;
        this.workspaces = workspaces;
        this.texts = texts;
    }

    /** A finished campaign is full even when nobody was targeted. */
    public Progress progress(CampaignManagement.CampaignView c) {
        return Progress.of(c.stats(), FINISHED.contains(c.status()));
    }

    void fill(long workspaceId, long id, Model model) {
        var report = campaigns.report(workspaceId, id);
        var c = report.campaign();
        model.addAttribute("campaign", c);
        model.addAttribute("report", report);
        Progress progress = progress(c);
        // a campaign is completed once every recipient is enqueued; its messages are counted as sent
        // after that, so the block keeps polling until they are
        model.addAttribute("moving", MOVING.contains(c.status())
                || "completed".equals(c.status()) && progress.percent() < 100);
        model.addAttribute("progress", progress);
        var s = c.stats();
        var figures = new java.util.LinkedHashMap<String, Long>();
        figures.put("targeted", s.targeted());
        figures.put("sent", s.sent());
        figures.put("delivered", s.delivered());
        figures.put("undelivered", s.undelivered());
        figures.put("failed", s.failed());
        model.addAttribute("figures", figures);
        var labels = Map.of("sent", texts.text("campaign.stat.sent"), "delivered", texts.text("campaign.stat.delivered"),
                "undelivered", texts.text("campaign.stat.undelivered"), "failed", texts.text("campaign.stat.failed"),
                "clicked", texts.text("campaign.stat.clicked"), "messages", texts.text("campaign.chart.messages"));
        var zone = CampaignBuilderController.zone(workspaces.require(workspaceId));
        List<CampaignChart> charts = List.of(CampaignChart.overTime(report.series(), zone, labels),
                CampaignChart.outcomes(report, labels));
        model.addAttribute("charts", charts);
        model.addAttribute("chartJson", JSON.writeValueAsString(Map.of("charts", charts)));
    }
}
