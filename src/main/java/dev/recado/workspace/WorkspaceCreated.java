package dev.recado.workspace;

import java.math.BigDecimal;

/** Published in the creating transaction; billing opens the account, contacts seeds a demo. */
public record WorkspaceCreated(long workspaceId, String currency, BigDecimal trialCredit, boolean demo) {
}
