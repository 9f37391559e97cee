package io.github.memorylifecycle.sample;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the sample's {@code /actuator/prometheus}: the text Prometheus scrapes.
 */
final class PrometheusScrape {

	private PrometheusScrape() {
	}

	/**
	 * Scrapes an instance.
	 * @param port the instance's port
	 * @return the exposition text
	 */
	static String scrape(int port) {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/prometheus"))
			.timeout(Duration.ofSeconds(10))
			.build();
		try {
			HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				throw new IllegalStateException("/actuator/prometheus answered " + response.statusCode());
			}
			return response.body();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Scrape of port " + port + " failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Returns the names of the series in an exposition: what PromQL selects.
	 * @param exposition the text
	 * @return the names, sorted
	 */
	static Set<String> seriesNames(String exposition) {
		Set<String> names = new TreeSet<>();
		exposition.lines().filter((line) -> !line.isBlank() && !line.startsWith("#")).forEach((line) -> {
			int end = 0;
			while (end < line.length() && line.charAt(end) != '{' && line.charAt(end) != ' ') {
				end++;
			}
			names.add(line.substring(0, end));
		});
		return names;
	}

}
