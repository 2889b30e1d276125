package io.github.resilientredis.sample;

import java.io.Serializable;
import java.math.BigDecimal;

/**
 * A product of the catalogue (serializable so the Redis cache can store it).
 *
 * @param id the product id
 * @param name the product name
 * @param price the price
 */
public record Product(long id, String name, BigDecimal price) implements Serializable {
}
