package dev.recado.common;

import com.zaxxer.hikari.HikariDataSource;
import java.util.Locale;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * Connection settings the platform's guarantees depend on, added to whatever URL is configured.
 * <ul>
 * <li>PostgreSQL: the driver folds JDBC batches into multi-row inserts, which is what makes imports
 * and message batches fast (H2 would reject the unknown setting, so it is added per URL). Custom
 * plans for every execution, without JIT compilation.</li>
 * <li>H2 file databases: {@code WRITE_DELAY=0} writes each commit to the file at once. H2's default
 * keeps commits in memory for up to 500 ms, so a killed process lost committed claims and outcomes
 * and sent those messages again after the restart. {@code DB_CLOSE_ON_EXIT=FALSE}: H2's own
 * shutdown hook closed the database while the application was still writing its last outcomes;
 * the connection pool closes it at the end of a graceful stop instead.</li>
 * </ul>
 * An explicit value in the URL wins.
 */
@Component
class DataSourceTuning implements BeanPostProcessor {

    @Override
    public Object postProcessBeforeInitialization(Object bean, String name) {
        if (bean instanceof HikariDataSource hikari && hikari.getJdbcUrl() != null) {
            String url = hikari.getJdbcUrl();
            if (url.startsWith("jdbc:postgresql:")) {
                hikari.addDataSourceProperty("reWriteBatchedInserts", "true");
                // batches look rows up with long IN lists; once the driver prepares them server-side,
                // a generic plan filters the whole workspace by the list (seconds per batch) where a
                // plan for the actual values walks the unique index (a millisecond)
                if (hikari.getConnectionInitSql() == null) {
                    hikari.setConnectionInitSql("set plan_cache_mode = force_custom_plan");
                }
                // a keyset page or a set-based update over a large table has a high estimated cost,
                // which makes PostgreSQL compile it to machine code on every execution: 30 to 500 ms
                // of JIT for statements that run in 5 ms (profiled on the campaign benchmark)
                if (!hikari.getDataSourceProperties().containsKey("options") && !url.contains("options=")) {
                    hikari.addDataSourceProperty("options", "-c jit=off");
                }
            } else if (url.startsWith("jdbc:h2:file:") || url.matches("jdbc:h2:(~|\\.|/).*")) {
                hikari.setJdbcUrl(withDefault(withDefault(url, "WRITE_DELAY", "0"), "DB_CLOSE_ON_EXIT", "FALSE"));
            }
        }
        return bean;
    }

    static String withDefault(String url, String setting, String value) {
        return url.toUpperCase(Locale.ROOT).contains(";" + setting + "=") ? url : url + ";" + setting + "=" + value;
    }
}
