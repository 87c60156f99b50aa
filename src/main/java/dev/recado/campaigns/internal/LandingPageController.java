package dev.recado.campaigns.internal;

import dev.recado.common.Caller;
import dev.recado.common.PublicId;
import java.time.Instant;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /v1/landing-pages}: a campaign's pages; {@code url} is what a template links to. */
@RestController
@RequestMapping("/v1/landing-pages")
class LandingPageController {

    static final String PREFIX = "lp_";

    record LandingPageResponse(String id, String campaignId, String slug, String url, String title, String text,
            String imageUrl, String buttonLabel, String buttonUrl, String form, Instant createdAt) {
    }

    private final LandingPageService pages;
    private final TrackedLinks links;

    LandingPageController(LandingPageService pages, TrackedLinks links) {
        this.pages = pages;
        this.links = links;
    }

    static String id(long id) {
        return PublicId.of(PREFIX, id);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    LandingPageResponse create(Caller caller, @RequestBody LandingPageService.NewLandingPage body) {
        return response(pages.create(caller.workspace(), body));
    }

    @GetMapping("/{id}")
    LandingPageResponse get(Caller caller, @PathVariable String id) {
        return response(pages.require(caller.workspace(), PublicId.require(PREFIX, id, "Landing page")));
    }

    private LandingPageResponse response(LandingPage p) {
        return new LandingPageResponse(id(p.id()), PublicId.of(CampaignController.PREFIX, p.campaignId()), p.slug(),
                links.base() + "/p/" + p.slug(), p.title(), p.body(), p.imageUrl(), p.buttonLabel(), p.buttonUrl(), p.form(),
                p.createdAt());
    }
}
