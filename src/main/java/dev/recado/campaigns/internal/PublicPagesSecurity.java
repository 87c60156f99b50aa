package dev.recado.campaigns.internal;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The recipients' pages: short links, unsubscribe and landing pages. No login (the code in the path
 * is the key) and no CSRF token: a mailbox provider's one-click POST carries none, and a forged POST
 * would need the recipient's secret code. Ordered before the console's chain, which takes the rest.
 */
@Configuration(proxyBeanMethods = false)
class PublicPagesSecurity {

    @Bean
    @Order(1)
    SecurityFilterChain campaignPublicPages(HttpSecurity http) throws Exception {
        http.securityMatcher("/l/**", "/u/**", "/p/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll());
        return http.build();
    }
}
