package dev.recado.messaging.internal;

import dev.recado.common.Caller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The workspace's settings the engine applies: its rules for marketing messages on every channel,
 * and how long it keeps its customers' files.
 */
@RestController
@RequestMapping("/v1/settings")
class SettingsController {

    private final MarketingSettings settings;
    private final MediaRetention retention;

    SettingsController(MarketingSettings settings, MediaRetention retention) {
        this.settings = settings;
        this.retention = retention;
    }

    @GetMapping("/quiet-hours")
    MarketingSettings.QuietHoursSettings quietHours(Caller caller) {
        return settings.quietHours(caller.workspace());
    }

    @PutMapping("/quiet-hours")
    MarketingSettings.QuietHoursSettings putQuietHours(Caller caller,
            @RequestBody MarketingSettings.QuietHoursSettings body) {
        return settings.putQuietHours(caller.workspace(), body);
    }

    @GetMapping("/frequency-cap")
    MarketingSettings.FrequencyCapSettings frequencyCap(Caller caller) {
        return settings.frequencyCap(caller.workspace());
    }

    @PutMapping("/frequency-cap")
    MarketingSettings.FrequencyCapSettings putFrequencyCap(Caller caller,
            @RequestBody MarketingSettings.FrequencyCapSettings body) {
        return settings.putFrequencyCap(caller.workspace(), body);
    }

    @GetMapping("/media-retention")
    MediaRetention.MediaRetentionSettings mediaRetention(Caller caller) {
        return retention.settings(caller.workspace());
    }

    @PutMapping("/media-retention")
    MediaRetention.MediaRetentionSettings putMediaRetention(Caller caller,
            @RequestBody MediaRetention.MediaRetentionSettings body) {
        return retention.put(caller.workspace(), body);
    }
}
