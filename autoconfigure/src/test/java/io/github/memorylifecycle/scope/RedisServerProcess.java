package io.github.memorylifecycle.scope;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * A real Debian {@code redis-server} on a free loopback port, for the session-store tests: started and stopped by
 * the test, with its data in a directory of its own so that it can be stopped and started again with its sessions.
 */
final class RedisServerProcess implements AutoCloseable {

	private final int port;

	private final Path directory;

	private Process process;

	private RedisServerProcess(int port, Path directory) {
		this.port = port;
		this.directory = directory;
	}

	static boolean available() {
		return Files.isExecutable(Path.of("/usr/bin/redis-server")) || Files.isExecutable(Path.of("/usr/local/bin/redis-server"));
	}

	static RedisServerProcess start() throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			port = socket.getLocalPort();
		}
		RedisServerProcess server = new RedisServerProcess(port, Files.createTempDirectory("redis-"));
		server.startAgain();
		return server;
	}

	int port() {
		return this.port;
	}

	/**
	 * Starts the server (again) on the same port with the same data: an append-only file, written on every change.
	 */
	void startAgain() throws IOException {
		this.process = new ProcessBuilder(List.of("redis-server", "--port", String.valueOf(this.port), "--bind",
				"127.0.0.1", "--dir", this.directory.toString(), "--save", "", "--appendonly", "yes", "--appendfsync",
				"always", "--hz", "100", "--protected-mode", "no"))
			.redirectErrorStream(true)
			.redirectOutput(this.directory.resolve("redis.log").toFile())
			.start();
		await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> "+PONG".equals(command("PING")));
	}

	/**
	 * Stops the server the way an operator would (SIGTERM: it flushes its data and exits) and waits until it exited.
	 */
	void stop() throws InterruptedException {
		if (this.process != null && this.process.isAlive()) {
			this.process.destroy();
			if (!this.process.waitFor(20, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor();
			}
		}
	}

	/**
	 * Sends one inline command and returns the first line of the reply.
	 */
	String command(String command) throws IOException {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.port)) {
			socket.setSoTimeout(5000);
			OutputStream out = socket.getOutputStream();
			out.write((command + "\r\n").getBytes(StandardCharsets.UTF_8));
			out.flush();
			return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))
				.readLine();
		}
	}

	@Override
	public void close() throws Exception {
		stop();
		try (var files = Files.walk(this.directory)) {
			files.sorted(java.util.Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
	}

}
