package io.scriptorium.api.observability;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UploadMetricsFilterTest {

	@Test
	void responseStatusesOfTheUploadEndpointMapToOutcomes() {
		assertThat(UploadMetricsFilter.outcome(202)).isEqualTo("accepted");
		assertThat(UploadMetricsFilter.outcome(200)).isEqualTo("duplicate");
		assertThat(UploadMetricsFilter.outcome(413)).isEqualTo("rejected");
		assertThat(UploadMetricsFilter.outcome(415)).isEqualTo("rejected");
		assertThat(UploadMetricsFilter.outcome(503)).isEqualTo("failed");
	}

}
