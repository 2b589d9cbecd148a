package dev.rapport.devstack.stack;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.rapport.devstack.stack.DashboardMetrics.Family;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The list of metrics the dashboard may query (emitted-metrics.txt, which DashboardMetricsTest holds the dashboard
 * to) is what the running applications really emit: each family on the /actuator/prometheus page of every application
 * that should have it, with the type the dashboard's queries assume (a histogram's buckets, a summary's quantiles).
 * First-use counters appear only once they count, so DashboardMetricsTest checks those against the code.
 */
@ExtendWith(RunningDevstack.class)
class DashboardMetricsSystemTest {

	@Test
	void theApplicationsEmitEveryListedMetricWithItsType() {
		RunningDevstack devstack = RunningDevstack.get();
		// Request timers exist once there was a request: one through the gateway to each service.
		String token = "Bearer " + devstack.signInAsAdmin().createAccessToken("dashboard-metrics");
		for (String path : List.of("/api/contacts", "/api/follow-ups", "/api/reminders?tz=UTC")) {
			HttpResponse<String> routed = SystemHttp.send(devstack.gateway(), "GET", path, token, null, null);
			assertThat(routed.statusCode()).as("%s: %s", path, routed.body()).isEqualTo(200);
		}
		Map<String, Map<String, String>> exposed = new HashMap<>();
		for (Family family : DashboardMetrics.committed().values()) {
			if (family.firstUse()) {
				continue;
			}
			for (String application : family.applications()) {
				Map<String, String> page = exposed.computeIfAbsent(application, name -> {
					HttpResponse<String> response = SystemHttp.send(devstack.managementUrl(name), "GET",
							"/actuator/prometheus", null, null, null);
					assertThat(response.statusCode()).as("%s /actuator/prometheus", name).isEqualTo(200);
					return DashboardMetrics.exposed(response.body());
				});
				assertThat(page.get(family.name())).as("%s emits %s", application, family.name())
					.isEqualTo(family.type());
			}
		}
	}

}
