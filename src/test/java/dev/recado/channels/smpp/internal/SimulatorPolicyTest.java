package dev.recado.channels.smpp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.recado.channels.smpp.SimulatedSubmission;
import dev.recado.channels.smpp.internal.SimulatorPolicy.Answer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SimulatorPolicyTest {

    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

    @ParameterizedTest
    @ValueSource(doubles = {0, 0.1, 0.25, 0.5, 0.9, 1})
    void deliveredRatioIsExact(double ratio) {
        SimulatorPolicy policy = new SimulatorPolicy();
        policy.deliveredRatio(ratio);

        long delivered = IntStream.range(0, 1_000).filter(i -> policy.nextDelivered()).count();

        assertThat(delivered).isEqualTo(Math.round(1_000 * ratio));
    }

    @Test
    void throttlesEveryNthAndWithinAWindow() {
        SimulatorPolicy policy = new SimulatorPolicy();
        policy.throttleEvery(3);

        assertThat(IntStream.range(0, 6).mapToObj(i -> policy.answer("34", NOW)).toList())
                .containsExactly(Answer.ACCEPT, Answer.ACCEPT, Answer.THROTTLE, Answer.ACCEPT, Answer.ACCEPT,
                        Answer.THROTTLE);

        policy.throttleEvery(0);
        policy.throttleUntil(NOW.plusSeconds(10));
        assertThat(policy.answer("34", NOW.plusSeconds(9))).isEqualTo(Answer.THROTTLE);
        assertThat(policy.answer("34", NOW.plusSeconds(10))).isEqualTo(Answer.ACCEPT);
    }

    @Test
    void rejectsByPrefixBeforeThrottling() {
        SimulatorPolicy policy = new SimulatorPolicy();
        policy.rejectDestinations("999");
        policy.throttleUntil(NOW.plusSeconds(10));

        assertThat(policy.answer("999123", NOW)).isEqualTo(Answer.REJECT);
        assertThat(policy.answer("34999", NOW)).isEqualTo(Answer.THROTTLE);
    }

    @Test
    void credentialsWhenConfigured() {
        SimulatorPolicy policy = new SimulatorPolicy();
        assertThat(policy.bindRejection("anyone", "anything")).isNull();

        policy.credentials("recado", "pw");

        assertThat(policy.bindRejection("recado", "pw")).isNull();
        assertThat(policy.bindRejection("recado", "no")).isEqualTo(0x0E);
        assertThat(policy.bindRejection("other", "pw")).isEqualTo(0x0F);
    }

    @Test
    void refusesNonsense() {
        SimulatorPolicy policy = new SimulatorPolicy();

        assertThatThrownBy(() -> policy.deliveredRatio(1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> policy.receiptDelay(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> policy.throttleEvery(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void submissionLogFindsByReferenceDetectsDuplicatesAndForgetsTheOldest() {
        SubmissionLog log = new SubmissionLog(3);
        log.add(submission("A2", "ref-a", 2));
        log.add(submission("A1", "ref-a", 1));
        log.add(submission("B", "ref-b", 0));

        assertThat(log.idsFor("ref-a")).contains(List.of("A1", "A2"));
        assertThat(log.idsFor("ref-x")).isEmpty();
        assertThat(log.duplicatedReferences()).isEmpty();

        log.add(submission("B2", "ref-b", 0));

        assertThat(log.duplicatedReferences()).containsExactly("ref-b");
        assertThat(log.size()).isEqualTo(3);
        assertThat(log.idsFor("ref-a")).contains(List.of("A1")); // A2, the oldest, was forgotten
    }

    private static SimulatedSubmission submission(String id, String reference, int sequence) {
        return new SimulatedSubmission(id, "sys", "RECADO", 5, 0, "34600", 1, 1, 0, 0, 1, null, new byte[0],
                new byte[0], new byte[0], false, 0, sequence == 0 ? 1 : 2, sequence, reference, NOW);
    }
}
