package dev.recado.campaigns.internal;

import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.servlet.ModelAndView;

/** The pages recipients see (an unknown link, the unsubscribe steps), one bilingual template. */
final class PublicPages {

    static final String TEMPLATE = "campaign-public";

    private PublicPages() {
    }

    static ModelAndView unknown(Model model) {
        return page(model, "unknown", HttpStatus.NOT_FOUND);
    }

    static ModelAndView page(Model model, String state, HttpStatus status) {
        var page = new ModelAndView(TEMPLATE, model.asMap(), status);
        page.addObject("state", state);
        return page;
    }
}
