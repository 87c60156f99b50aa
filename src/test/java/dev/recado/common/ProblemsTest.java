package dev.recado.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * The problem document filters write before Spring MVC is reached (body-size cap, provider hooks,
 * API key, request guard): its Content-Type declares UTF-8, so text beyond ASCII arrives as written.
 */
class ProblemsTest {

    @Test
    void aFilterProblemDeclaresUtf8AndKeepsTextBeyondAscii() throws Exception {
        var response = new MockHttpServletResponse();
        String detail = "El número «+34 6…» no es válido: 5 € de saldo, “ñ”";
        Problems.write(response, 422, "validation_failed", detail, "teléfono", "no es un número de España");

        assertThat(response.getStatus()).isEqualTo(422);
        assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json;charset=UTF-8");
        var json = JsonMapper.builder().build().readTree(new String(response.getContentAsByteArray(), StandardCharsets.UTF_8));
        assertThat(json.get("detail").asString()).isEqualTo(detail);
        assertThat(json.get("code").asString()).isEqualTo("validation_failed");
        assertThat(json.get("errors").get(0).get("field").asString()).isEqualTo("teléfono");
        assertThat(json.get("errors").get(0).get("message").asString()).isEqualTo("no es un número de España");
    }
}
