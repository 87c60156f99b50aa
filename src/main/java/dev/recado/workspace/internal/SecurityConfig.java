package dev.recado.workspace.internal;

import dev.recado.common.RecadoProperties;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;

/** Two doors: the stateless API (bearer keys) and the console (session, CSRF, form login). */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder(11);
    }

    /**
     * Even with every security observation switched off in configuration, the filter chain was
     * still wrapped filter by filter in observation decorators: a tenth of an API call's CPU.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    @Order(1)
    SecurityFilterChain apiChain(HttpSecurity http, ApiKeyRepository keys, RecadoProperties properties, Clock clock)
            throws Exception {
        http.securityMatcher("/v1/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                // an API call carries its key on every request: no logout, no anonymous user, no
                // servlet-API wrapper to build for it
                .logout(logout -> logout.disable())
                .anonymous(anonymous -> anonymous.disable())
                .servletApi(servletApi -> servletApi.disable())
                .addFilterBefore(new ApiKeyAuthenticationFilter(keys, properties.platformApiKey(), clock),
                        AnonymousAuthenticationFilter.class)
                // async (streamed downloads) and error dispatches were authorised on the request itself
                .authorizeHttpRequests(auth -> auth
                        .dispatcherTypeMatchers(jakarta.servlet.DispatcherType.ASYNC, jakarta.servlet.DispatcherType.ERROR)
                        .permitAll()
                        .anyRequest().authenticated())
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((req, res, ex) -> ApiKeyAuthenticationFilter.deny(res, 401,
                                "api_key_required", "Send Authorization: Bearer <api key>"))
                        .accessDeniedHandler((req, res, ex) -> ApiKeyAuthenticationFilter.deny(res, 403,
                                "forbidden", "This key may not do that")));
        return http.build();
    }

    /**
     * Providers calling us (WhatsApp, later Telegram and RCS) carry no API key: each request is
     * checked by its provider's signature before anything is stored.
     */
    @Bean
    @Order(0)
    SecurityFilterChain providerHookChain(HttpSecurity http) throws Exception {
        http.securityMatcher("/hooks/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll());
        return http.build();
    }

    /** Metrics are platform-wide: only the platform key reads them; health stays open for probes. */
    @Bean
    @Order(0)
    SecurityFilterChain actuatorChain(HttpSecurity http, RecadoProperties properties) throws Exception {
        http.securityMatcher("/actuator/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .addFilterBefore(new PlatformKeyFilter(properties.platformApiKey()), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .anyRequest().hasRole("PLATFORM"))
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((req, res, ex) -> ApiKeyAuthenticationFilter.deny(res, 401,
                                "platform_key_required", "Metrics need Authorization: Bearer <platform key>"))
                        .accessDeniedHandler((req, res, ex) -> ApiKeyAuthenticationFilter.deny(res, 403,
                                "platform_key_required", "Metrics need the platform key")));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain consoleChain(HttpSecurity http, LoginRateLimitFilter loginRateLimit) throws Exception {
        http.authorizeHttpRequests(auth -> auth
                        .requestMatchers("/login", "/css/**", "/js/**", "/img/**", "/webjars/**", "/favicon.ico",
                                "/v3/api-docs/**", "/swagger-ui/**",
                                "/swagger-ui.html", "/consent/confirm/**", "/o/**", "/error")
                        .permitAll()
                        .anyRequest().authenticated())
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/", true).permitAll())
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
                .addFilterBefore(loginRateLimit, UsernamePasswordAuthenticationFilter.class);
        return http.build();
    }

    @Bean
    LoginRateLimitFilter loginRateLimitFilter(dev.recado.common.TrustedProxies proxies, Clock clock) {
        return new LoginRateLimitFilter(proxies, clock);
    }

    /** The session cookie is Secure when the console is served over HTTPS (RECADO_BASE_URL https://...). */
    @Bean
    org.springframework.boot.web.servlet.ServletContextInitializer secureSessionCookie(RecadoProperties properties) {
        return context -> {
            if (properties.baseUrl() != null && properties.baseUrl().startsWith("https://")) {
                context.getSessionCookieConfig().setSecure(true);
            }
        };
    }

    /** Kept out of the servlet container's own chain: it only runs inside the console's security chain. */
    @Bean
    org.springframework.boot.web.servlet.FilterRegistrationBean<LoginRateLimitFilter> loginRateLimitRegistration(
            LoginRateLimitFilter filter) {
        var registration = new org.springframework.boot.web.servlet.FilterRegistrationBean<>(filter);
        registration.setEnabled(false);
        return registration;
    }
}
