package io.github.resilientredis.autoconfigure;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.github.resilientredis.test.RedisServer;
import io.github.resilientredis.test.RedisServerExtension;
import io.github.resilientredis.test.TlsMaterial;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

/**
 * Proves that no password given to the starter ever leaves the application: a real web
 * application against a {@code requirepass} redis-server, every actuator response with
 * {@code show-values=always}, and the whole output of startups that fail on bad input.
 * The password is a distinctive canary that must appear nowhere.
 */
@ExtendWith(OutputCaptureExtension.class)
class RedisSecretsIntegrationTests {

	private static final String CANARY = "Canary7f3a9c1eDoNotPrint";

	@RegisterExtension
	static final RedisServerExtension redis = new RedisServerExtension(RedisServer.builder().requirePass(CANARY));

	@TempDir
	static Path dir;

	private static Path encryptedClientKey;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@BeforeAll
	static void encryptClientKeyWithCanary() throws Exception {
		encryptedClientKey = dir.resolve("client-encrypted.key");
		Process openssl = new ProcessBuilder("openssl", "pkcs8", "-topk8", "-in", tls().clientKeyFile().toString(),
				"-out", encryptedClientKey.toString(), "-passout", "pass:" + CANARY)
			.redirectErrorStream(true)
			.redirectOutput(dir.resolve("openssl.log").toFile())
			.start();
		assertThat(openssl.waitFor(30, TimeUnit.SECONDS) && openssl.exitValue() == 0).isTrue();
	}

	@Test
	void actuatorWhenShowValuesAlwaysShouldNeverShowThePassword(CapturedOutput output) throws Exception {
		String url = "redis://default:" + CANARY + "@" + redis.server().host() + ":" + redis.server().port();
		Map<String, Object> environmentVariables = Map.of("REDIS_URL", url, "REDIS_PASSWORD", CANARY);
		try (ConfigurableApplicationContext context = application(WebApplicationType.SERVLET, environmentVariables)
			.run("--server.port=0", "--spring.application.name=secrets-it", "--redis.password=" + CANARY,
					"--redis.sentinel.password=" + CANARY, "--redis.tls.client-cert-file=" + tls().clientCertFile(),
					"--redis.tls.client-key-file=" + encryptedClientKey, "--redis.tls.client-key-password=" + CANARY,
					"--management.endpoints.web.exposure.include=env,configprops,health,redis,prometheus",
					"--management.endpoint.env.show-values=always",
					"--management.endpoint.configprops.show-values=always",
					"--management.endpoint.health.show-details=always")) {
			StringRedisTemplate template = context.getBean(StringRedisTemplate.class);
			template.opsForValue().set("secrets-it", "value");
			assertThat(template.opsForValue().get("secrets-it")).isEqualTo("value");
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(get(port, "/actuator/health/redis")).contains("\"status\":\"UP\""));
			Map<String, String> responses = new LinkedHashMap<>();
			for (String path : List.of("/actuator/health", "/actuator/health/redis", "/actuator/redis",
					"/actuator/redis/clients", "/actuator/redis/pool", "/actuator/redis/retries",
					"/actuator/redis/resilience", "/actuator/redis/events", "/actuator/env",
					"/actuator/env/redis.password", "/actuator/env/redis.url", "/actuator/env/REDIS_PASSWORD",
					"/actuator/env/redis.sentinel.password", "/actuator/env/redis.tls.client-key-password",
					"/actuator/configprops", "/actuator/configprops/redis", "/actuator/prometheus")) {
				responses.put(path, get(port, path));
			}
			responses.forEach((path, body) -> assertThat(body).as(path).isNotEmpty().doesNotContain(CANARY));
			// values are shown (so the test is not vacuous), credentials are not
			assertThat(responses.get("/actuator/env")).contains("secrets-it")
				.contains("REDIS_PASSWORD")
				.contains("redis://default:****@" + redis.server().host());
			assertThat(responses.get("/actuator/configprops/redis")).contains("clientKeyPassword")
				.contains("redis://default:****@");
			assertThat(responses.get("/actuator/prometheus")).contains("redis_pool");
		}
		assertThat(output).doesNotContain(CANARY);
	}

	static Stream<Arguments> badInput() {
		int port = redis.server().port();
		String host = redis.server().host();
		return Stream.of(
				arguments("'@' typed as '/'", "redis.url", "--redis.url=redis://:" + CANARY + "/" + host + ":" + port),
				arguments("'@' left out", "redis.url", "--redis.url=redis://default:" + CANARY + ":" + host + ":" + port),
				arguments("password-only form, '@' typed as '/'", "redis.url",
						"--redis.url=redis://" + CANARY + "/" + host + ":" + port),
				arguments("credentials and a bad port", "redis.url",
						"--redis.url=redis://default:" + CANARY + "@" + host + ":99999"),
				arguments("credentials and a bad database", "redis.url",
						"--redis.url=redis://default:" + CANARY + "@" + host + ":" + port + "/zero"),
				arguments("wrong scheme", "redis.url", "--redis.url=http://default:" + CANARY + "@" + host + ":" + port),
				arguments("query parameters", "redis.url",
						"--redis.url=redis://" + host + ":" + port + "/0?password=" + CANARY),
				arguments("bad percent-encoding", "redis.url",
						"--redis.url=redis://default:" + CANARY + "%zz@" + host + ":" + port),
				arguments("password set as the URL", "redis.url", "--redis.url=" + CANARY),
				arguments("credentials in redis.host without '@'", "redis.host", "--redis.host=default:" + CANARY),
				arguments("credentials in redis.host", "redis.host", "--redis.host=default:" + CANARY + "@" + host),
				arguments("credentials in a sentinel node", "redis.sentinel.nodes", "--redis.sentinel.master=mymaster",
						"--redis.sentinel.nodes=default:" + CANARY + ":" + host + ":26379",
						"--redis.sentinel.password=" + CANARY),
				arguments("TLS key password for a missing key file", "redis.tls.client-key-file",
						"--redis.tls.client-cert-file=" + tls().clientCertFile(),
						"--redis.tls.client-key-file=" + dir.resolve("missing.key"),
						"--redis.tls.client-key-password=" + CANARY),
				arguments("TLS key password without a key file", "redis.tls.client-key-password",
						"--redis.tls.client-key-password=" + CANARY),
				arguments("wrong TLS key password", "redis.tls.client-key-password",
						"--redis.tls.client-cert-file=" + tls().clientCertFile(),
						"--redis.tls.client-key-file=" + encryptedClientKey,
						"--redis.tls.client-key-password=Wrong" + CANARY),
				arguments("misspelt password key", "redis.pasword", "--redis.pasword=" + CANARY),
				arguments("misspelt pool key", "redis.pool.max-actve", "--redis.password=" + CANARY,
						"--redis.pool.max-actve=2"),
				arguments("unknown verify mode", "redis.tls.verify-mode", "--redis.password=" + CANARY,
						"--redis.tls.verify-mode=strict"),
				arguments("URL with cluster nodes", "redis.cluster.nodes",
						"--redis.url=redis://default:" + CANARY + "@" + host + ":" + port,
						"--redis.cluster.nodes=" + host + ":7000"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("badInput")
	void startWhenBadInputShouldNameThePropertyAndNeverShowThePassword(String description, String property,
			String[] args, CapturedOutput output) {
		int start = output.length();
		assertThatException().isThrownBy(() -> application(WebApplicationType.NONE, Map.of()).run(args).close());
		String startup = output.toString().substring(start);
		// Boot's bind validation report for rejected values, ours for unknown keys and values
		// that do not convert
		assertThat(startup).contains("APPLICATION FAILED TO START")
			.containsAnyOf("Property: " + property, "Invalid Redis configuration")
			.contains(property)
			.doesNotContain(CANARY);
	}

	@Test
	void commandsWhenPasswordWrongShouldNamePasswordPropertyAndNeverShowIt(CapturedOutput output) {
		int start = output.length();
		String url = "redis://default:Wrong" + CANARY + "@" + redis.server().host() + ":" + redis.server().port();
		try (ConfigurableApplicationContext context = application(WebApplicationType.NONE, Map.of("REDIS_URL", url))
			.run("--redis.password=Wrong" + CANARY)) {
			StringRedisTemplate template = context.getBean(StringRedisTemplate.class);
			assertThatException().isThrownBy(() -> template.opsForValue().get("secrets-it"));
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(output.toString().substring(start)).contains("WRONGPASS")
					.contains("redis.password"));
		}
		assertThat(output.toString().substring(start)).doesNotContain(CANARY);
	}

	private String get(int port, String path) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.timeout(Duration.ofSeconds(10))
			.build();
		HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(path).isEqualTo(200);
		return response.body();
	}

	/**
	 * The application, with environment variables seen as the operating system's (the env
	 * endpoint lists them under their own names, e.g. {@code REDIS_PASSWORD}).
	 */
	private static SpringApplication application(WebApplicationType type, Map<String, Object> environmentVariables) {
		SpringApplication application = new SpringApplication(SecretsTestApplication.class);
		application.setWebApplicationType(type);
		application.addInitializers((context) -> {
			Map<String, Object> variables = new HashMap<>(System.getenv());
			variables.putAll(environmentVariables);
			context.getEnvironment()
				.getPropertySources()
				.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
						StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
		});
		return application;
	}

	private static Arguments arguments(String description, String property, String... args) {
		List<String> all = new ArrayList<>(List.of(args));
		all.add("--spring.main.banner-mode=off");
		return Arguments.of(description, property, all.toArray(String[]::new));
	}

	private static TlsMaterial tls() {
		return TlsMaterial.shared();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class SecretsTestApplication {

	}

}
