package io.github.resilientredis.compatibility;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/**
 * The application every compatibility case starts: Spring Boot's auto-configuration plus the
 * case's own configuration class. No component scanning, so a case sees only its own beans.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
class CompatibilityApplication {

}
