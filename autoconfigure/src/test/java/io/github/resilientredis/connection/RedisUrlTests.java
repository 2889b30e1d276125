package io.github.resilientredis.connection;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.github.resilientredis.diagnostics.Redaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link RedisUrl}.
 */
class RedisUrlTests {

	@Test
	void parseWhenHostOnlyShouldUseDefaults() {
		RedisUrl url = RedisUrl.parse("redis://redis.example.com");
		assertThat(url).isEqualTo(new RedisUrl("redis.example.com", 6379, null, null, 0, false));
	}

	@Test
	void parseWhenFullUrlShouldReadEveryPart() {
		RedisUrl url = RedisUrl.parse("redis://app:s3cret@10.0.0.5:6380/3");
		assertThat(url).isEqualTo(new RedisUrl("10.0.0.5", 6380, "app", "s3cret", 3, false));
	}

	@Test
	void parseWhenRedissShouldEnableTls() {
		assertThat(RedisUrl.parse("rediss://cache.example.com:6380").tls()).isTrue();
		assertThat(RedisUrl.parse("REDISS://cache.example.com:6380").tls()).isTrue();
		assertThat(RedisUrl.parse("redis://cache.example.com:6380").tls()).isFalse();
	}

	@Test
	void parseWhenEmptyUserShouldHavePasswordOnly() {
		RedisUrl url = RedisUrl.parse("redis://:s3cret@localhost:6379");
		assertThat(url.username()).isNull();
		assertThat(url.password()).isEqualTo("s3cret");
	}

	@Test
	void parseWhenUserInfoHasNoColonShouldTreatItAsPasswordLikeSpringBootAndLettuce() {
		RedisUrl url = RedisUrl.parse("redis://s3cret@localhost:6379");
		assertThat(url.username()).isNull();
		assertThat(url.password()).isEqualTo("s3cret");
	}

	@Test
	void parseWhenUserInfoIsPercentEncodedShouldDecode() {
		RedisUrl url = RedisUrl.parse("redis://us%40er:p%40ss%3Aw%2Fo%25rd@localhost");
		assertThat(url.username()).isEqualTo("us@er");
		assertThat(url.password()).isEqualTo("p@ss:w/o%rd");
	}

	@Test
	void parseWhenPasswordHasRawAtSignShouldSplitAtTheLastOne() {
		RedisUrl url = RedisUrl.parse("redis://app:p@ss@localhost:6379");
		assertThat(url.password()).isEqualTo("p@ss");
		assertThat(url.host()).isEqualTo("localhost");
	}

	@Test
	void parseWhenPasswordHasPlusShouldKeepIt() {
		assertThat(RedisUrl.parse("redis://:a+b@localhost").password()).isEqualTo("a+b");
	}

	@Test
	void parseWhenIpv6InBracketsShouldReadHostAndPort() {
		RedisUrl url = RedisUrl.parse("redis://[::1]:7000/2");
		assertThat(url.host()).isEqualTo("::1");
		assertThat(url.port()).isEqualTo(7000);
		assertThat(url.database()).isEqualTo(2);
		assertThat(url.endpoint()).isEqualTo("[::1]:7000");
		assertThat(RedisUrl.parse("redis://[fe80::1]").port()).isEqualTo(6379);
	}

	@Test
	void parseWhenTrailingSlashShouldUseDatabaseZero() {
		assertThat(RedisUrl.parse("redis://localhost:6379/").database()).isZero();
	}

	@Test
	void toStringShouldMaskPassword() {
		RedisUrl url = RedisUrl.parse("rediss://app:s3cret@localhost:6380/1");
		assertThat(url).hasToString("rediss://app:****@localhost:6380/1");
		assertThat(RedisUrl.parse("redis://s3cret@localhost").toString()).doesNotContain("s3cret")
			.isEqualTo("redis://:****@localhost:6379");
	}

	@Test
	void maskWhenMalformedUrlShouldStillHidePassword() {
		assertThat(Redaction.maskUserInfo("redis://app:s3/cr#et@host:port")).isEqualTo("redis://app:****@host:port");
		assertThat(Redaction.maskUserInfo("s3cret@host")).isEqualTo("****@host");
		assertThat(Redaction.maskUserInfo("redis://host:6379")).isEqualTo("redis://host:6379");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "   " })
	void parseWhenEmptyShouldFail(String url) {
		assertInvalid(url, "is empty", "redis.url=redis://");
	}

	@Test
	void parseWhenNoSchemeShouldFail() {
		assertInvalid("app:s3cret@localhost:6379", "has no scheme", "redis.host");
	}

	@Test
	void parseWhenHttpSchemeShouldFail() {
		assertInvalid("http://app:s3cret@localhost:6379", "scheme 'http' is not supported", "rediss://");
	}

	@ParameterizedTest
	@ValueSource(strings = { "redis-sentinel://:s3cret@localhost:26379", "redis+sentinel://s3cret@localhost:26379" })
	void parseWhenSentinelSchemeShouldPointToSentinelProperties(String url) {
		assertInvalid(url, "is not supported", "redis.sentinel.master");
	}

	@Test
	void parseWhenSocketSchemeShouldFail() {
		assertInvalid("redis-socket:///tmp/redis.sock", "Unix domain socket", "redis.url=redis://");
	}

	@Test
	void parseWhenNoHostShouldFail() {
		assertInvalid("redis://app:s3cret@:6379", "has no host", "redis.url=redis://");
		assertInvalid("redis://", "has no host", "redis.url=redis://");
	}

	@Test
	void parseWhenHostHasInvalidCharactersShouldFail() {
		assertInvalid("redis://app:s3cret@local host:6379", "invalid host", "redis.url=redis://");
	}

	@ParameterizedTest
	@ValueSource(strings = { "0", "65536", "99999999999", "-1", "abc", "" })
	void parseWhenPortOutOfRangeOrNotNumericShouldFail(String port) {
		assertInvalid("redis://app:s3cret@localhost:" + port, "not a number from 1 to 65535", "6379");
	}

	@Test
	void parseWhenIpv6WithoutBracketsShouldFail() {
		assertInvalid("redis://::1:6379", "without brackets", "redis.url=redis://[::1]:6379");
	}

	@Test
	void parseWhenIpv6BracketNotClosedShouldFail() {
		assertInvalid("redis://[::1:6379", "malformed IPv6", "redis://[::1]:6379");
	}

	@ParameterizedTest
	@ValueSource(strings = { "abc", "-1", "1/2", "99999999999" })
	void parseWhenDatabaseNotANonNegativeNumberShouldFail(String database) {
		assertInvalid("redis://app:s3cret@localhost:6379/" + database, "is not a non-negative number",
				"redis.url=redis://redis.example.com:6379/1");
	}

	@Test
	void parseWhenQueryShouldFailWithoutShowingIt() {
		InvalidRedisConfigurationException ex = assertInvalid("redis://localhost:6379/0?password=s3cret",
				"query parameters", "redis.command-timeout");
		assertThat(ex.getProblem()).doesNotContain("password=");
	}

	@Test
	void parseWhenFragmentShouldFail() {
		assertInvalid("redis://localhost:6379#x", "fragment", "%23");
	}

	@Test
	void parseWhenPasswordHasInvalidPercentEncodingShouldFail() {
		assertInvalid("redis://app:50%off-s3cret@localhost:6379", "percent-encoded", "%25");
	}

	@Test
	void parseWhenAtTypedAsSlashShouldSayMissingAtAndShowOnlyTheShape() {
		InvalidRedisConfigurationException ex = assertInvalid("redis://:s3cret/127.0.0.1:16701",
				"missing '@' between the credentials and the host?", "redis.password");
		assertThat(ex.getProblem()).startsWith("'redis://:****/****:****'").doesNotContain("127.0.0.1");
	}

	@Test
	void parseWhenAtLeftOutAfterUserAndPasswordShouldSayMissingAtNotIpv6() {
		InvalidRedisConfigurationException ex = assertInvalid("redis://default:s3cret:127.0.0.1:16701",
				"missing '@' between the credentials and the host?", "%40");
		assertThat(ex.getProblem()).doesNotContain("IPv6").doesNotContain("default");
	}

	@Test
	void parseWhenPasswordOnlyFormHasSlashForAtShouldSayMissingAt() {
		assertInvalid("redis://s3cret/redis.example.com:6379", "missing '@'", "redis.url=redis://");
	}

	@Test
	void parseWhenNotAUrlShouldNotEchoTheValue() {
		InvalidRedisConfigurationException ex = assertInvalid("s3cret", "has no scheme", "redis.host");
		assertThat(ex.getProblem()).startsWith("'****' is not a URL");
	}

	@Test
	void parseWhenTextBeforeSchemeSeparatorIsNoSchemeShouldNotEchoIt() {
		assertInvalid("app:s3cret://localhost:6379", "has no scheme", "redis.host");
	}

	@Test
	void parseWhenNoAtAndInvalidHostShouldNotEchoTheHost() {
		InvalidRedisConfigurationException ex = assertInvalid("redis://s3cret!x", "invalid host", "redis.url=");
		assertThat(ex.getProblem()).startsWith("'redis://****'");
	}

	@Test
	void parseWhenCredentialsAndBadPortShouldShowHostAndPortOnly() {
		InvalidRedisConfigurationException ex = assertInvalid("redis://default:s3cret@127.0.0.1:99999",
				"not a number from 1 to 65535", "6379");
		assertThat(ex.getProblem()).startsWith("'redis://****@127.0.0.1:99999'");
	}

	@Test
	void maskInvalidShouldKeepSchemeSeparatorsAndHostAfterTheLastAt() {
		assertThat(RedisUrl.maskInvalid("redis://:s3cret/127.0.0.1:16701")).isEqualTo("redis://:****/****:****");
		assertThat(RedisUrl.maskInvalid("redis://default:s3cret:127.0.0.1:16701"))
			.isEqualTo("redis://****:****:****:****");
		assertThat(RedisUrl.maskInvalid("rediss://app:s3/cr@et@cache.example.com:6380/1"))
			.isEqualTo("rediss://****@cache.example.com:6380/1");
		assertThat(RedisUrl.maskInvalid("redis://app:s3cret@local host:6379")).isEqualTo("redis://****@****:6379");
		assertThat(RedisUrl.maskInvalid("redis://app@host:6379/0?password=s3cret&x"))
			.isEqualTo("redis://****@host:6379/0?****");
		assertThat(RedisUrl.maskInvalid("s3cret")).isEqualTo("****");
		assertThat(RedisUrl.maskInvalid("app:s3cret@node-1:7000")).isEqualTo("****@node-1:7000");
		assertThat(RedisUrl.maskInvalid(null)).isEqualTo("null");
	}

	private InvalidRedisConfigurationException assertInvalid(String url, String problem, String action) {
		InvalidRedisConfigurationException ex = assertThatExceptionOfType(InvalidRedisConfigurationException.class)
			.isThrownBy(() -> RedisUrl.parse(url))
			.actual();
		assertThat(ex.getProperty()).isEqualTo("redis.url");
		assertThat(ex.getProblem()).contains(problem);
		assertThat(ex.getAction()).contains(action);
		assertThat(ex.getMessage()).startsWith("redis.url: ").doesNotContain("s3cret");
		assertThat(ex.getAction()).doesNotContain("s3cret");
		return ex;
	}

}
