package io.scriptorium.api.system;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The title of the description springdoc serves at {@code /v3/api-docs} and {@code /swagger-ui.html}. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	@Bean
	OpenAPI scriptoriumOpenApi() {
		return new OpenAPI().info(new Info().title("Scriptorium API")
			.version("v1")
			.description("Upload documents, follow their ingestion, read their chunks, search them. Errors are "
					+ "application/problem+json with a 'code' member naming the error."));
	}

}
