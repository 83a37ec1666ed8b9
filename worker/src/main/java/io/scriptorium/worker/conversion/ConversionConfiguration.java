package io.scriptorium.worker.conversion;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** LibreOffice and the checks before it, only on workers that convert. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "scriptorium.conversion.enabled", matchIfMissing = true)
class ConversionConfiguration {

	@Bean
	OfficeConverter officeConverter(ConversionProperties properties) {
		return new OfficeConverter(properties);
	}

	@Bean
	OfficeFileInspector officeFileInspector() {
		return new OfficeFileInspector();
	}

	@Bean
	OfficeFileRewriter officeFileRewriter(ConversionProperties properties) {
		return new OfficeFileRewriter(properties.getMaxUnzippedSize().toBytes());
	}

}
