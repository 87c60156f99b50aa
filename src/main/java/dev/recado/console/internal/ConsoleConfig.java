package dev.recado.console.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.Collections;
import java.util.Locale;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * The console speaks English and Spanish: the browser's Accept-Language picks one until the user
 * chooses with {@code ?lang=es|en}, which a cookie then remembers.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleConfig implements WebMvcConfigurer {

    static final Set<String> LANGUAGES = Set.of("en", "es");

    private final dev.recado.workspace.UserManagement users;

    ConsoleConfig(dev.recado.workspace.UserManagement users) {
        this.users = users;
    }

    /** Named so Spring MVC's own default resolver (Accept-Language only) steps aside. */
    @Bean(name = "localeResolver")
    LocaleResolver localeResolver() {
        var resolver = new CookieLocaleResolver("recado_lang");
        resolver.setCookieMaxAge(Duration.ofDays(365));
        resolver.setCookieHttpOnly(true);
        resolver.setDefaultLocaleFunction(ConsoleConfig::fromBrowser);
        return resolver;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new SupportedLanguageChange()).excludePathPatterns("/v1/**");
        registry.addInterceptor(new AgentPresence(users)).excludePathPatterns("/v1/**", "/css/**", "/js/**", "/img/**",
                "/webchat/**");
    }

    /** The first language of Accept-Language we have texts for; English otherwise. */
    static Locale fromBrowser(HttpServletRequest request) {
        return Collections.list(request.getLocales()).stream()
                .filter(l -> LANGUAGES.contains(l.getLanguage()))
                .map(l -> Locale.of(l.getLanguage()))
                .findFirst().orElse(Locale.ENGLISH);
    }

    /** Ignores languages we have no texts for, so a stray ?lang=xx cannot stick in the cookie. */
    static final class SupportedLanguageChange extends LocaleChangeInterceptor {

        SupportedLanguageChange() {
            setParamName("lang");
        }

        @Override
        public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
                throws jakarta.servlet.ServletException {
            String lang = request.getParameter(getParamName());
            if (lang != null && !LANGUAGES.contains(lang)) {
                return true;
            }
            return super.preHandle(request, response, handler);
        }
    }
}
