package io.github.resilientredis.sample;

import java.math.BigDecimal;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * REST access to the product catalogue: {@code GET /products/{id}} (cached),
 * {@code GET /products/{id}/answer} (the same read, with where the answer came from and
 * how long it took) and {@code PUT /products/{id}} (updates the database and the cache).
 */
@RestController
@RequestMapping("/products")
public class ProductController {

	private final ProductService service;

	private final ProductAnswers answers;

	public ProductController(ProductService service, ProductAnswers answers) {
		this.service = service;
		this.answers = answers;
	}

	@GetMapping("/{id}")
	public Product get(@PathVariable long id) {
		return this.service.find(id);
	}

	@GetMapping("/{id}/answer")
	public ProductAnswer answer(@PathVariable long id) {
		return this.answers.find(id);
	}

	@PutMapping("/{id}")
	public Product update(@PathVariable long id, @RequestBody ProductUpdate update) {
		return this.service.update(new Product(id, update.name(), update.price()));
	}

	/**
	 * The body of an update.
	 *
	 * @param name the new name
	 * @param price the new price
	 */
	public record ProductUpdate(String name, BigDecimal price) {
	}

}
