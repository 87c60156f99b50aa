package db.migration;

import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Segment conditions on {@code attributes.x} read one key of the contacts' JSON attributes. The
 * same SQL runs on both databases through two functions: plain SQL over jsonb on PostgreSQL, and
 * Java aliases on H2, which has no operator that reads a key of a JSON text.
 */
public class V30_1__AttributeFunctions extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        boolean postgres = context.getConnection().getMetaData().getDatabaseProductName().toLowerCase()
                .contains("postgres");
        try (Statement s = context.getConnection().createStatement()) {
            if (postgres) {
                s.execute("""
                        create function recado_attr(doc text, name text) returns text
                        language sql immutable as $$ select cast(doc as jsonb) ->> name $$""");
                s.execute("""
                        create function recado_attr_num(doc text, name text) returns numeric
                        language sql immutable as $$
                          select case when jsonb_typeof(cast(doc as jsonb) -> name) = 'number'
                                      then cast(cast(doc as jsonb) ->> name as numeric) end $$""");
            } else {
                s.execute("create alias recado_attr deterministic for "
                        + "\"dev.recado.campaigns.internal.AttributeFunctions.text\"");
                s.execute("create alias recado_attr_num deterministic for "
                        + "\"dev.recado.campaigns.internal.AttributeFunctions.number\"");
            }
        }
    }
}
