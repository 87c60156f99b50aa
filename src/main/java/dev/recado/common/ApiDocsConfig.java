package dev.recado.common;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Makes /v3/api-docs describe the wire: the schema generator reads the records with the API's
 * own conventions (snake_case, enums by their lower-case names), the internal {@link Caller}
 * argument is not a parameter, every operation documents its real success status and the problem
 * responses, and {@link ApiDocsShapes} adds what the Java types cannot say (required fields,
 * enums carried in strings, examples, the CSV import body, provider settings).
 */
@Configuration(proxyBeanMethods = false)
class ApiDocsConfig {

    static {
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
    }

    static final List<String> PROBLEM_STATUSES = List.of("400", "401", "403", "404", "409", "413", "415", "422");

    @Bean
    ModelResolver recadoModelResolver() {
        ObjectMapper mapper = Json.mapper().copy()
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(SerializationFeature.WRITE_ENUMS_USING_TO_STRING);
        return new ModelResolver(mapper);
    }

    @Bean
    OpenApiCustomizer recadoWireShapes() {
        return openApi -> {
            openApi.getComponents().getSchemas().remove("Caller");
            openApi.getComponents().addSchemas("Problem", problemSchema());
            ApiDocsShapes.apply(openApi);
            openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, op) -> {
                if (op.getParameters() != null) {
                    op.getParameters().removeIf(p -> "caller".equals(p.getName()));
                }
                fixSuccess(method.name() + " " + path, op);
                PROBLEM_STATUSES.forEach(status -> op.getResponses().addApiResponse(status, problem(status)));
            }));
        };
    }

    private static void fixSuccess(String operation, Operation op) {
        String status = ApiDocsShapes.SUCCESS.get(operation);
        ApiResponses responses = op.getResponses();
        if (status == null || responses.containsKey(status)) {
            return;
        }
        ApiResponse documented = responses.values().iterator().next();
        responses.clear();
        if ("204".equals(status)) {
            responses.addApiResponse(status, new ApiResponse().description("No Content"));
        } else {
            responses.addApiResponse(status, documented.description(status.equals("202") ? "Accepted" : "Created"));
        }
        if (operation.equals("POST /v1/contacts")) {
            responses.addApiResponse("200", new ApiResponse().description("Updated (upsert=true)")
                    .content(documented.getContent()));
        }
    }

    private static ApiResponse problem(String status) {
        return new ApiResponse().description("Problem (RFC 9457)")
                .content(new Content().addMediaType("application/problem+json",
                        new MediaType().schema(new Schema<>().$ref("#/components/schemas/Problem"))));
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Schema problemSchema() {
        Schema error = new Schema<>().type("object")
                .addProperty("field", new Schema<>().type("string"))
                .addProperty("message", new Schema<>().type("string"));
        error.setRequired(List.of("field", "message"));
        Schema problem = new Schema<>().type("object")
                .addProperty("type", new Schema<>().type("string").format("uri"))
                .addProperty("title", new Schema<>().type("string"))
                .addProperty("status", new Schema<>().type("integer"))
                .addProperty("detail", new Schema<>().type("string"))
                .addProperty("instance", new Schema<>().type("string"))
                .addProperty("code", new Schema<>().type("string").description("stable machine-readable reason"))
                .addProperty("errors", new Schema<>().type("array").items(error))
                .addProperty("existing_id", new Schema<>().type("string"));
        problem.setRequired(List.of("type", "title", "status", "code"));
        problem.setDescription("RFC 9457 problem details with Recado's code and, for validation, the fields");
        return problem;
    }

    static Map<String, Object> example(Object... pairs) {
        Map<String, Object> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
