package io.github.memorylifecycle.sample;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The files under {@code observability/} against what the sample really exports on {@code /actuator/prometheus}:
 * the alert rules pass promtool's checks and unit tests, the dashboard is valid JSON with one row per feature, and
 * every metric either of them selects is exported; the table of {@code docs/prometheus.md} lists exactly the
 * starter's exported series, and its alert list exactly the rules.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ObservabilityFilesTests {

	private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

	private static final Path RULES = ROOT.resolve("observability/prometheus/memory-lifecycle-alerts.yml");

	private static final Path RULE_TESTS = ROOT.resolve("observability/prometheus/memory-lifecycle-alerts.test.yml");

	private static final Path DASHBOARD = ROOT.resolve("observability/grafana/memory-lifecycle.json");

	private static final Path DOCS = ROOT.resolve("docs/prometheus.md");

	@LocalServerPort
	int port;

	private Set<String> exported;

	@BeforeEach
	void scrape() {
		this.exported = PrometheusScrape.seriesNames(PrometheusScrape.scrape(this.port));
	}

	@Test
	void promtoolChecksTheRulesAndPassesTheirUnitTests() throws Exception {
		assumeThat(installed("promtool")).as("promtool is not installed (Debian: apt-get install prometheus); "
				+ ".ci/run installs it").isTrue();
		assertThat(run("promtool", "check", "rules", RULES.toString())).contains("SUCCESS: 8 rules found");
		assertThat(run("promtool", "test", "rules", RULE_TESTS.toString())).contains("SUCCESS");
	}

	@Test
	void alertRulesSelectOnlyExportedMetrics() throws IOException {
		assertThat(alertRules()).isNotEmpty().allSatisfy((rule) -> assertThat(PromQl.metricNames((String) rule.get("expr")))
			.as("metrics of alert %s", rule.get("alert"))
			.isNotEmpty()
			.isSubsetOf(this.exported));
	}

	@Test
	void dashboardHasOneRowPerFeatureByInstanceOverExportedMetrics() throws IOException {
		JsonNode dashboard = JsonMapper.builder().build().readTree(Files.readString(DASHBOARD));
		List<String> rows = new ArrayList<>();
		List<String> expressions = new ArrayList<>();
		for (JsonNode panel : dashboard.path("panels")) {
			if ("row".equals(panel.path("type").asString())) {
				rows.add(panel.path("title").asString());
				continue;
			}
			assertThat(panel.path("targets").isEmpty()).as("panel %s has queries", panel.path("title")).isFalse();
			for (JsonNode target : panel.path("targets")) {
				expressions.add(target.path("expr").asString());
				assertThat(target.path("legendFormat").asString()).as("legend of %s", panel.path("title"))
					.contains("{{instance}}");
			}
		}
		assertThat(rows).containsExactly("Memory and container", "Leaks", "Timers", "Async work", "Listeners",
				"Scopes and cleanups", "Caches", "Meters", "Warnings");
		assertThat(dashboard.at("/templating/list").findValuesAsString("name")).contains("datasource", "job",
				"instance");
		assertThat(expressions).allSatisfy((expression) -> assertThat(expression).contains("instance=~\"$instance\""));
		Set<String> used = new TreeSet<>();
		expressions.forEach((expression) -> used.addAll(PromQl.metricNames(expression)));
		assertThat(used).isSubsetOf(this.exported);
		assertThat(used).as("every starter meter is on the dashboard")
			.containsAll(starterSeries(this.exported));
	}

	@Test
	void docsListEveryExportedStarterSeriesAndEveryAlert() throws IOException {
		String docs = Files.readString(DOCS);
		Set<String> documented = new TreeSet<>();
		Matcher row = Pattern.compile("(?m)^\\| `([a-z_]+)`").matcher(docs);
		while (row.find()) {
			documented.add(row.group(1));
		}
		assertThat(documented).as("series in the table of docs/prometheus.md")
			.isEqualTo(starterSeries(this.exported));
		Set<String> alerts = new TreeSet<>();
		Matcher alert = Pattern.compile("(?m)^\\| \\*\\*(MemoryLifecycle\\w+)\\*\\*").matcher(docs);
		while (alert.find()) {
			alerts.add(alert.group(1));
		}
		assertThat(alerts).isEqualTo(new TreeSet<>(alertRules().stream().map((rule) -> (String) rule.get("alert")).toList()));
	}

	private static Set<String> starterSeries(Set<String> names) {
		Set<String> starter = new TreeSet<>();
		names.stream().filter((name) -> name.startsWith("memory_lifecycle_")).forEach(starter::add);
		return starter;
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> alertRules() throws IOException {
		Map<String, Object> file = new Yaml().load(Files.readString(RULES));
		List<Map<String, Object>> rules = new ArrayList<>();
		for (Map<String, Object> group : (List<Map<String, Object>>) file.get("groups")) {
			rules.addAll((List<Map<String, Object>>) group.get("rules"));
		}
		return rules;
	}

	private static boolean installed(String command) {
		try {
			run(command, "--version");
			return true;
		}
		catch (IOException | IllegalStateException ex) {
			return false;
		}
	}

	private static String run(String... command) throws IOException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		try {
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
				throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
			}
			return output;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
