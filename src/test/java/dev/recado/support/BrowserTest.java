package dev.recado.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.springframework.test.context.TestPropertySource;

/**
 * A test that drives a real Chromium. Browser classes mostly wait on the browser, so they run
 * beside the other tests, one browser class at a time; their own data directory gives them
 * application contexts that no class running at the same time shares (its beans, its database).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock("browser")
@TestPropertySource(properties = "recado.data-dir=target/test-data-browser")
public @interface BrowserTest {
}
