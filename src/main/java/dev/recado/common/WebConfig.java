package dev.recado.common;

import java.util.Arrays;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.core.convert.converter.ConverterFactory;
import org.springframework.format.FormatterRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
class WebConfig implements WebMvcConfigurer {

    /** Requests Tomcat refuses itself (undecodable paths) are answered by {@link ProblemReportValve}. */
    @org.springframework.context.annotation.Bean
    org.springframework.boot.web.server.WebServerFactoryCustomizer<org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory> problemReportValve() {
        return factory -> factory.addContextCustomizers(context -> ((org.apache.catalina.core.StandardHost) context.getParent())
                .setErrorReportValveClass(ProblemReportValve.class.getName()));
    }

    /** Query parameters use the same lower-case enum names as JSON ({@code ?channel=sms}). */
    @Override
    public void addFormatters(FormatterRegistry registry) {
        registry.addConverterFactory(new WireEnumConverterFactory());
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    static final class WireEnumConverterFactory implements ConverterFactory<String, Enum> {

        @Override
        public <T extends Enum> Converter<String, T> getConverter(Class<T> type) {
            return source -> (T) Arrays.stream(type.getEnumConstants())
                    .filter(e -> e.toString().equalsIgnoreCase(source.strip()))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown value " + source));
        }
    }
}
