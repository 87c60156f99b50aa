package dev.recado.campaigns.internal;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/** {@code /p/<slug>}: a campaign's landing page, greeting by first name whoever came through their own link. */
@Controller
class LandingPublicController {

    private final LandingPageService pages;

    LandingPublicController(LandingPageService pages) {
        this.pages = pages;
    }

    @GetMapping("/p/{slug}")
    ModelAndView show(@PathVariable String slug, @RequestParam(name = "r", required = false) String code, Model model) {
        return pages.visit(slug, code).map(v -> page(v, code, "show", model)).orElseGet(() -> PublicPages.unknown(model));
    }

    @PostMapping("/p/{slug}")
    ModelAndView submit(@PathVariable String slug, @RequestParam(name = "r", required = false) String code,
            HttpServletRequest request, Model model) {
        var visit = pages.visit(slug, code);
        if (visit.isEmpty() || LandingPage.NONE.equals(visit.get().page().form())) {
            return PublicPages.unknown(model);
        }
        boolean recorded = pages.submit(visit.get(), request.getHeader("User-Agent"));
        return page(visit.get(), code, recorded ? "thanks" : "anonymous", model);
    }

    private static ModelAndView page(LandingPageService.Visit visit, String code, String state, Model model) {
        model.addAttribute("page", visit.page());
        model.addAttribute("firstName", visit.contact().map(c -> c.firstName()).orElse(null));
        model.addAttribute("code", visit.contact().isPresent() ? code : null);
        model.addAttribute("landingState", state);
        return PublicPages.page(model, "landing", HttpStatus.OK);
    }
}
