package dev.recado.workspace;

import java.math.BigDecimal;

public record NewWorkspace(String name, String defaultCountry, String defaultLanguage, String timezone,
        String currency, BigDecimal trialCredit, String logoUrl, String brandColor) {
}
