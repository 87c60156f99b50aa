package dev.recado.channels.email.internal;

import dev.recado.common.FieldProblem;
import dev.recado.common.OutboundTargets;
import dev.recado.messaging.Content;
import dev.recado.messaging.spi.SubmitOutcome;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Email attachments given by URL: checked in shape at acceptance, fetched when the message is sent
 * through {@link OutboundTargets#get} (the host resolved once and checked, the connection made to
 * that address, timeouts, no redirects), at most {@link #MAX_TOTAL_BYTES} together.
 */
public final class Attachments {

    public static final int MAX_COUNT = 10;
    public static final long MAX_TOTAL_BYTES = 10L * 1024 * 1024;
    private static final String CONTENT_TYPE = "[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}";

    /** One fetched file, ready for the MIME message. */
    record Fetched(String filename, String contentType, byte[] bytes) {
    }

    /** The message cannot go with its attachments; {@code outcome} says whether to retry. */
    static final class Unavailable extends Exception {
        final SubmitOutcome outcome;

        Unavailable(SubmitOutcome outcome) {
            super(outcome.toString(), null, false, false);
            this.outcome = outcome;
        }
    }

    private Attachments() {
    }

    /** Field problems of a malformed list (the field names the attachment, e.g. {@code attachments[1].url}). */
    public static List<FieldProblem> check(List<Content.Attachment> attachments) {
        List<FieldProblem> problems = new ArrayList<>();
        if (attachments.size() > MAX_COUNT) {
            problems.add(new FieldProblem("attachments", "must hold at most " + MAX_COUNT + " files"));
            return problems;
        }
        for (int i = 0; i < attachments.size(); i++) {
            String at = "attachments[" + i + "]";
            Content.Attachment a = attachments.get(i);
            if (a == null) {
                problems.add(new FieldProblem(at, "must be an object with filename and url"));
                continue;
            }
            if (a.filename() == null || a.filename().isBlank() || a.filename().length() > 255
                    || a.filename().chars().anyMatch(c -> c < 0x20 || c == '/' || c == '\\')) {
                problems.add(new FieldProblem(at + ".filename", "must be a file name of 1 to 255 characters without / or \\"));
            }
            if (a.contentType() != null && !a.contentType().matches(CONTENT_TYPE)) {
                problems.add(new FieldProblem(at + ".content_type", "must be a media type such as application/pdf"));
            }
            if (!httpUrl(a.url())) {
                problems.add(new FieldProblem(at + ".url", "must be an http or https URL"));
            }
        }
        return problems;
    }

    private static boolean httpUrl(String url) {
        if (url == null || url.length() > 2_000) {
            return false;
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null && uri.getUserInfo() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** Fetches every attachment; a missing or refused file is final, a network failure is retried. */
    static List<Fetched> fetch(OutboundTargets targets, long workspaceId, List<Content.Attachment> attachments)
            throws Unavailable {
        List<Fetched> files = new ArrayList<>();
        long left = MAX_TOTAL_BYTES;
        for (Content.Attachment a : attachments) {
            try {
                var got = targets.get(a.url(), workspaceId, left);
                if (got.status() >= 500 || got.status() == 429 || got.status() == 408) {
                    throw new Unavailable(new SubmitOutcome.Transient("attachment_unavailable",
                            a.filename() + ": HTTP " + got.status(), false, null));
                }
                if (got.status() != 200) {
                    throw new Unavailable(new SubmitOutcome.Permanent("attachment_unavailable",
                            a.filename() + ": HTTP " + got.status()));
                }
                left -= got.body().length;
                String type = a.contentType() != null ? a.contentType()
                        : got.contentType() != null ? got.contentType() : "application/octet-stream";
                files.add(new Fetched(a.filename(), type, got.body()));
            } catch (OutboundTargets.RefusedTarget refused) {
                throw new Unavailable(new SubmitOutcome.Permanent(OutboundTargets.CODE, refused.getMessage()));
            } catch (OutboundTargets.TooLarge tooLarge) {
                throw new Unavailable(new SubmitOutcome.Permanent("attachment_too_large",
                        "attachments together are larger than " + MAX_TOTAL_BYTES / (1024 * 1024) + " MB"));
            } catch (IOException failed) {
                throw new Unavailable(new SubmitOutcome.Transient("attachment_unavailable",
                        a.filename() + ": " + failed.getMessage(), false, null));
            }
        }
        return files;
    }
}
