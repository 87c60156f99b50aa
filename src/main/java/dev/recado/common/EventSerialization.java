package dev.recado.common;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.lang.ref.WeakReference;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.modulith.events.core.EventSerializer;
import tools.jackson.databind.cfg.MapperConfig;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.introspect.Annotated;
import tools.jackson.databind.introspect.JacksonAnnotationIntrospector;
import tools.jackson.databind.json.JsonMapper;

/**
 * How the event publication registry stores events: the application's JSON conventions, as Spring
 * Modulith's own serializer would, with two differences that matter at thousands of status changes
 * a second.
 *
 * <ul>
 * <li>The registry stores one publication per listener and serializes the event for each; three
 * listeners of a batch of status changes wrote the same few hundred KB of JSON three times (a fifth
 * of the server's work on the dispatch path). The last event a thread serialized is remembered, so
 * its other publications reuse the text.</li>
 * <li>Records marked {@code @JsonFormat(shape = ARRAY)} are written as arrays of values, without a
 * field name per value. Publications stored before a record was so marked are still read: where the
 * array form does not match, the event is read again with every such mark ignored.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class EventSerialization {

    @Bean
    EventSerializer recadoEventSerializer(ObjectProvider<JsonMapper> mapper) {
        return new MemoizingSerializer(mapper.getIfAvailable(() -> JsonMapper.builder().build()));
    }

    static final class MemoizingSerializer implements EventSerializer {

        private record Last(WeakReference<Object> event, String json) {
        }

        private final JsonMapper mapper;
        private final JsonMapper objectShaped;
        private final ThreadLocal<Last> last = new ThreadLocal<>();

        MemoizingSerializer(JsonMapper mapper) {
            this.mapper = mapper;
            this.objectShaped = mapper.rebuild().annotationIntrospector(new JacksonAnnotationIntrospector() {
                @Override
                public JsonFormat.Value findFormat(MapperConfig<?> config, Annotated annotated) {
                    JsonFormat.Value format = super.findFormat(config, annotated);
                    return format != null && format.getShape() == JsonFormat.Shape.ARRAY
                            ? format.withShape(JsonFormat.Shape.ANY) : format;
                }
            }).build();
        }

        @Override
        public Object serialize(Object event) {
            Last remembered = last.get();
            if (remembered != null && remembered.event().get() == event) {
                return remembered.json();
            }
            String json = mapper.writeValueAsString(event);
            last.set(new Last(new WeakReference<>(event), json));
            return json;
        }

        @Override
        public <T> T deserialize(Object serialized, Class<T> type) {
            String json = serialized.toString();
            try {
                return mapper.readerFor(type).readValue(json);
            } catch (MismatchedInputException storedBeforeArrayShape) {
                return objectShaped.readerFor(type).readValue(json);
            }
        }
    }
}
