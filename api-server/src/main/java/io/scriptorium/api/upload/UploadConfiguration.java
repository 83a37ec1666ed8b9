package io.scriptorium.api.upload;

import jakarta.servlet.MultipartConfigElement;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The servlet container's multipart limits, from the upload's one size limit. */
@Configuration(proxyBeanMethods = false)
class UploadConfiguration {

	/**
	 * Files above {@code scriptorium.upload.max-size} are refused (413) while they stream in; the request around the
	 * one file part is not limited apart (the file is, and Tomcat bounds the number of parts). Parts go to disk at
	 * once, so an upload is never held in memory. Replaces Boot's multipart configuration (spring.servlet.multipart).
	 */
	@Bean
	MultipartConfigElement multipartConfigElement(UploadProperties properties) {
		return new MultipartConfigElement("", properties.getMaxSize().toBytes(), -1, 0);
	}

}
