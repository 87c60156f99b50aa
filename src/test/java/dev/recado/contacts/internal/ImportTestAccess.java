package dev.recado.contacts.internal;

/** The import's batch size, for tests that must place rows on either side of a batch's end. */
public final class ImportTestAccess {

    private ImportTestAccess() {
    }

    public static int batchRows() {
        return ImportRunner.BATCH;
    }
}
