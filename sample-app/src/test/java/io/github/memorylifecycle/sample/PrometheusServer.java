package io.github.memorylifecycle.sample;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.awaitility.Awaitility.await;

/**
 * A real Prometheus server (Debian's {@code prometheus} binary) for a test: on a free loopback port, with its storage
 * in a throwaway directory, scraping the given targets every second and evaluating the given rules every second.
 * Stopped by {@link #close()}.
 */
final class PrometheusServer implements AutoCloseable {

	static final String BINARY = "prometheus";

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final JsonMapper json = JsonMapper.builder().build();

	private final Process process;

	private final Path log;

	private final String baseUrl;

	private PrometheusServer(Process process, Path log, int port) {
		this.process = process;
		this.log = log;
		this.baseUrl = "http://127.0.0.1:" + port;
	}

	/**
	 * Tells whether the binary is on the path.
	 * @return whether a server can be started
	 */
	static boolean installed() {
		try {
			Process version = new ProcessBuilder(BINARY, "--version").redirectErrorStream(true).start();
			version.getInputStream().readAllBytes();
			return version.waitFor(10, TimeUnit.SECONDS) && version.exitValue() == 0;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/**
	 * Starts a server and waits until it is ready.
	 * @param directory a throwaway directory for its configuration, rules, storage and log
	 * @param rules the rule file to load (its text)
	 * @param job the job name of the targets
	 * @param targets {@code host:port} of each instance to scrape
	 * @return the running server
	 */
	static PrometheusServer start(Path directory, String rules, String job, List<String> targets) throws IOException {
		Files.writeString(directory.resolve("rules.yml"), rules);
		Files.writeString(directory.resolve("prometheus.yml"), """
				global:
				  scrape_interval: 1s
				  scrape_timeout: 1s
				  evaluation_interval: 1s
				rule_files:
				  - rules.yml
				scrape_configs:
				  - job_name: %s
				    metrics_path: /actuator/prometheus
				    static_configs:
				      - targets: [%s]
				""".formatted(job, targets.stream().map((target) -> "'" + target + "'").collect(Collectors.joining(", "))));
		int port = freePort();
		Path log = directory.resolve("prometheus.log");
		Process process = new ProcessBuilder(BINARY, "--config.file=" + directory.resolve("prometheus.yml"),
				"--storage.tsdb.path=" + directory.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
				"--log.level=warn")
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		PrometheusServer server = new PrometheusServer(process, log, port);
		try {
			await().atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofMillis(200))
				.until(server::ready);
		}
		catch (RuntimeException ex) {
			server.close();
			throw new IllegalStateException("Prometheus did not become ready; its log:\n" + server.log(), ex);
		}
		return server;
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	private boolean ready() {
		if (!this.process.isAlive()) {
			throw new IllegalStateException("Prometheus exited with " + this.process.exitValue());
		}
		try {
			return get("/-/ready").statusCode() == 200;
		}
		catch (IllegalStateException ex) {
			return false;
		}
	}

	/**
	 * Runs an instant query.
	 * @param promql the query
	 * @return {@code data.result} of the answer: one element per series, with {@code metric} and {@code value}
	 */
	JsonNode query(String promql) {
		return data("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)).path("result");
	}

	/**
	 * Lists the alerts that are pending or firing.
	 * @return {@code data.alerts} of the answer: each with {@code labels} and {@code state}
	 */
	JsonNode alerts() {
		return data("/api/v1/alerts").path("alerts");
	}

	/**
	 * Lists the scrape targets.
	 * @return {@code data.activeTargets}: each with {@code labels} and {@code health}
	 */
	JsonNode targets() {
		return data("/api/v1/targets").path("activeTargets");
	}

	String log() {
		try {
			return Files.readString(this.log);
		}
		catch (IOException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
	}

	private JsonNode data(String path) {
		HttpResponse<String> response = get(path);
		JsonNode answer = this.json.readTree(response.body());
		if (response.statusCode() != 200 || !"success".equals(answer.path("status").asString())) {
			throw new IllegalStateException("GET " + path + " answered " + response.statusCode() + ": " + response.body());
		}
		return answer.path("data");
	}

	private HttpResponse<String> get(String path) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.baseUrl + path)).timeout(Duration.ofSeconds(5)).build();
		try {
			return this.http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException("GET " + path + " failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.process.destroyForcibly();
		}
	}

}
