package dev.recado.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Gives each Spring test context a database of its own: an in-memory H2, or a fresh PostgreSQL
 * database created here and dropped when the context closes. Which one comes from the system
 * property {@code recado.test.database} that the build sets for each pass of the suite.
 */
public class TestDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    public static final String POSTGRES_ADMIN_URL = System.getProperty("recado.test.postgres-url",
            "jdbc:postgresql://127.0.0.1:5432/postgres");
    public static final String POSTGRES_USER = System.getProperty("recado.test.postgres-user", "postgres");

    public static boolean postgres() {
        return "postgres".equals(System.getProperty("recado.test.database", "h2"));
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        String name = "recado_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        Map<String, Object> props;
        if (postgres()) {
            execute("create database " + name);
            props = Map.of(
                    "spring.datasource.url", POSTGRES_ADMIN_URL.replace("/postgres", "/" + name),
                    "spring.datasource.username", POSTGRES_USER,
                    "spring.datasource.password", "");
            // dropped once the connection pool is closed: the data source depends on the dropper, so the
            // dropper is destroyed after it (dropping earlier starves beans that still write on close)
            context.addBeanFactoryPostProcessor(factory -> {
                var registry = (org.springframework.beans.factory.support.BeanDefinitionRegistry) factory;
                registry.registerBeanDefinition("testDatabaseDropper",
                        org.springframework.beans.factory.support.BeanDefinitionBuilder
                                .genericBeanDefinition(Dropper.class, () -> new Dropper(name)).getBeanDefinition());
                for (String dataSource : factory.getBeanNamesForType(javax.sql.DataSource.class, true, false)) {
                    factory.getBeanDefinition(dataSource).setDependsOn("testDatabaseDropper");
                }
            });
        } else {
            props = Map.of(
                    "spring.datasource.url", "jdbc:h2:mem:" + name
                            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
                    "spring.datasource.username", "sa",
                    "spring.datasource.password", "");
        }
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("recado-test-db", props));
    }

    static final class Dropper implements org.springframework.beans.factory.DisposableBean {

        private final String name;

        Dropper(String name) {
            this.name = name;
        }

        @Override
        public void destroy() {
            execute("drop database if exists " + name + " with (force)");
        }
    }

    public static void execute(String sql) {
        try (Connection c = DriverManager.getConnection(POSTGRES_ADMIN_URL, POSTGRES_USER, "");
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL test database: " + sql, e);
        }
    }
}
