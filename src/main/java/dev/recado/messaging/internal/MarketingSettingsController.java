package dev.recado.messaging.internal;

import dev.recado.common.Caller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The workspace's rules for marketing messages, which the engine enforces on every channel. */
@RestController
@RequestMapping("/v1/settings")
class MarketingSettingsController {

    private final MarketingSettings settings;

    MarketingSettingsController(MarketingSettings settings) {
        this.settings = settings;
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
}
