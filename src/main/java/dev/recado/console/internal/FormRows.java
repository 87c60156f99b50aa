package dev.recado.console.internal;

import java.util.List;
import org.springframework.beans.propertyeditors.CustomCollectionEditor;
import org.springframework.web.bind.WebDataBinder;

/**
 * Forms whose list fields are rows (a template's variants, a contact's attributes, a segment's
 * conditions): each posted value is one row's, whatever it contains. A list posted once reaches the
 * binder as a single string, which the default conversion splits at its commas, so a lone row
 * "Madrid, Centro" became two.
 */
final class FormRows {

    private FormRows() {
    }

    static void exact(WebDataBinder binder) {
        binder.registerCustomEditor(List.class, new CustomCollectionEditor(List.class));
    }
}
