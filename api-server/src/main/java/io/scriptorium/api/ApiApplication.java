package io.scriptorium.api;

import io.scriptorium.workflows.boot.EmbeddingModelProperties;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** The HTTP API: uploads documents, starts their workflows, reports their status, searches their chunks. */
@SpringBootApplication
@ConfigurationPropertiesScan
// The embedding model's keys are shared with the worker (search embeds queries with the chunks' model).
@EnableConfigurationProperties(EmbeddingModelProperties.class)
public class ApiApplication {

	public static void main(String[] args) {
		SpringApplication.run(ApiApplication.class, args);
	}

}
