package dev.rapport.devstack.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PipelineLoadTest {

	@Test
	void percentilesAreNearestRankOverSortedSamples() {
		long[] samples = new long[200];
		for (int i = 0; i < samples.length; i++) {
			samples[i] = (i + 1) * 10L;
		}

		assertThat(PipelineLoad.percentile(samples, 50)).isEqualTo(1000);
		assertThat(PipelineLoad.percentile(samples, 99)).isEqualTo(1980);
		assertThat(PipelineLoad.percentile(samples, 100)).isEqualTo(2000);
		assertThat(PipelineLoad.percentile(new long[] { 7 }, 99)).isEqualTo(7);
	}

}
