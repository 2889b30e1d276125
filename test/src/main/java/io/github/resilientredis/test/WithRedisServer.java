package io.github.resilientredis.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives a JUnit 5 test class a real Redis: a {@link RedisServer} (a local
 * {@code redis-server} on a free loopback port, or a Testcontainers container when only
 * Docker runs) started before the first test of the class and closed after the last.
 * <ul>
 * <li>test methods and constructors may declare a {@link RedisServer} parameter;</li>
 * <li>before each test a server an earlier test left paused or down is resumed or restarted
 * on the same port;</li>
 * <li>in a Spring test ({@code @SpringBootTest}, {@code @DataRedisTest}, ...) the
 * application context gets a {@code DataRedisConnectionDetails} bean pointing at the
 * server (host, port, user, password, and an {@code SslBundle} trusting the server's
 * certificate when {@link #tls()}), which Spring Boot and the resilient-redis starter use
 * in place of {@code spring.data.redis.*}, the way {@code @ServiceConnection} works for
 * Testcontainers.</li>
 * </ul>
 *
 * <pre class="code">
 * &#64;SpringBootTest
 * &#64;WithRedisServer(requirePass = "s3cret", failOnLeakedConnections = true)
 * class OrderServiceTests {
 *
 *     &#64;Test
 *     void cachesOrders(RedisServer redis) {
 *         // ...
 *         redis.kill();
 *         // ...
 *     }
 * }
 * </pre>
 *
 * Declare it on a top-level test class (its {@code @Nested} classes share the server). Each
 * annotated class gets its own server, and so its own Spring application context.
 *
 * @see RedisServerExtension the programmatic form ({@code @RegisterExtension})
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(WithRedisServerExtension.class)
public @interface WithRedisServer {

	/**
	 * Whether the server serves TLS only (its certificate is signed by the fixture's CA,
	 * {@link TlsMaterial}).
	 * @return whether TLS only
	 */
	boolean tls() default false;

	/**
	 * Password of the default user ({@code --requirepass}); empty for none.
	 * @return the password
	 */
	String requirePass() default "";

	/**
	 * An ACL user with all permissions, used by the Spring connection details; empty for
	 * none.
	 * @return the user name
	 */
	String aclUser() default "";

	/**
	 * Password of {@link #aclUser()}.
	 * @return the password
	 */
	String aclPassword() default "";

	/**
	 * Maximum number of connections ({@code --maxclients}, the fixture's admin connection
	 * is one); {@code 0} for the Redis default.
	 * @return the maximum number of clients
	 */
	int maxClients() default 0;

	/**
	 * Further {@code redis-server} arguments, e.g. {@code {"--timeout", "1"}}.
	 * @return the arguments
	 */
	String[] args() default {};

	/**
	 * Whether a test that leaves connections open on the server fails, naming them (see
	 * {@link ConnectionLeakCheck}). Connections a Spring application context opens during a
	 * test and keeps in its pool count too: use it where the test owns its clients.
	 * @return whether to check for leaked connections after each test
	 */
	boolean failOnLeakedConnections() default false;

}
