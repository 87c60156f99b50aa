package dev.recado.console.internal;

import dev.recado.common.ApiException;
import dev.recado.common.PublicId;
import dev.recado.common.WireEnum;
import dev.recado.consent.Channel;
import dev.recado.consent.Purpose;
import dev.recado.contacts.ContactImports;
import dev.recado.contacts.ImportOptions;
import dev.recado.contacts.ImportStatus;
import dev.recado.workspace.ConsoleUser;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * CSV import: the upload form, then a progress page that polls a fragment every 500 ms while the
 * import runs. The fragment drops its polling trigger once the import has finished.
 */
@Controller
class ImportPageController {

    /** Enough rejected rows to fix a file by; the rest are counted, not listed. */
    static final int SHOWN_REJECTIONS = 200;

    private final ContactImports imports;
    private final ProblemTexts problems;

    ImportPageController(ContactImports imports, ProblemTexts problems) {
        this.problems = problems;
        this.imports = imports;
    }

    @GetMapping("/contacts/import")
    String form(Model model) {
        return showForm(model, FormErrors.NONE);
    }

    @PostMapping("/contacts/import")
    String start(@AuthenticationPrincipal ConsoleUser user, @RequestParam(required = false) MultipartFile file,
            @RequestParam(required = false) String consentChannel, @RequestParam(required = false) String consentPurpose,
            @RequestParam(required = false) String consentEvidence, @RequestParam(required = false) String tags,
            @RequestParam(defaultValue = "false") boolean updateExisting, Model model, HttpServletResponse response)
            throws IOException {
        if (file == null || file.isEmpty()) {
            response.setStatus(422);
            model.addAttribute("fileMissing", true);
            return showForm(model, FormErrors.NONE);
        }
        long id;
        try (InputStream csv = file.getInputStream()) {
            id = imports.start(user.workspaceId(), csv, options(file, consentChannel, consentPurpose,
                    consentEvidence, tags, updateExisting));
        } catch (ApiException e) {
            if (e.status() >= 500) {
                throw e;
            }
            response.setStatus(e.status());
            return showForm(model, problems.form(e));
        }
        return "redirect:/contacts/import/" + PublicId.of(ConsoleFormat.IMPORT, id);
    }

    @GetMapping("/contacts/import/{id}")
    String progressPage(@AuthenticationPrincipal ConsoleUser user, @PathVariable String id, Model model) {
        progress(user, id, model);
        return "import-progress";
    }

    @GetMapping("/contacts/import/{id}/progress")
    String progressFragment(@AuthenticationPrincipal ConsoleUser user, @PathVariable String id, Model model) {
        progress(user, id, model);
        return "import-progress :: progress";
    }

    private void progress(ConsoleUser user, String id, Model model) {
        ImportStatus status = imports.status(user.workspaceId(), PublicId.require(ConsoleFormat.IMPORT, id, "Import"));
        List<?> errors = status.errors() == null ? List.of() : status.errors();
        model.addAttribute("section", "import");
        model.addAttribute("importId", id);
        model.addAttribute("imp", status);
        model.addAttribute("running", "running".equals(status.status()));
        model.addAttribute("rejections", errors.subList(0, Math.min(errors.size(), SHOWN_REJECTIONS)));
        model.addAttribute("moreRejections", Math.max(0, status.rejected() - Math.min(errors.size(), SHOWN_REJECTIONS)));
    }

    private static ImportOptions options(MultipartFile file, String channel, String purpose, String evidence,
            String tags, boolean updateExisting) {
        Channel consentChannel = ContactForm.blankToNull(channel) == null ? null
                : WireEnum.require(Channel.class, channel.strip(), "consentChannel");
        Purpose consentPurpose = consentChannel == null ? null : ContactForm.blankToNull(purpose) == null
                ? Purpose.MARKETING : WireEnum.require(Purpose.class, purpose.strip(), "consentPurpose");
        List<String> extraTags = ContactForm.splitTags(tags);
        return new ImportOptions(file.getOriginalFilename(), null, null, Map.of(),
                extraTags == null ? List.of() : extraTags, consentChannel, consentPurpose,
                consentChannel == null ? null : ContactForm.blankToNull(evidence), updateExisting);
    }

    private String showForm(Model model, FormErrors errors) {
        model.addAttribute("section", "import");
        model.addAttribute("errors", errors);
        model.addAttribute("channels", Channel.values());
        model.addAttribute("purposes", Purpose.values());
        return "import";
    }
}
