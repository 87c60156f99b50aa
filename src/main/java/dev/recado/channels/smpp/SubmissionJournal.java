package dev.recado.channels.smpp;

/**
 * Where a simulator keeps what it accepted, as a carrier's SMSC keeps its store: written before the
 * submit_sm_resp goes out, and told when a receipt was acknowledged. The sandbox keeps it in the
 * database, so after a restart (even {@code kill -9}) receipts still owed are sent and reconciliation
 * by reference still finds what was accepted; tests run without one.
 */
public interface SubmissionJournal {

    SubmissionJournal NONE = new SubmissionJournal() {
        @Override
        public void accepted(SimulatedSubmission submission) {
        }

        @Override
        public void receiptDelivered(String messageId) {
        }
    };

    /** A submit was accepted; throwing refuses it (ESME_RSYSERR), so nothing is accepted unrecorded. */
    void accepted(SimulatedSubmission submission);

    /** The client acknowledged the receipt of this message id: it is owed no more. */
    void receiptDelivered(String messageId);
}
