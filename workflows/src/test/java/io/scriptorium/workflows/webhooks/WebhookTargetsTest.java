package io.scriptorium.workflows.webhooks;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scriptorium.workflows.webhooks.WebhookTargets.RefusedTarget;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookTargetsTest {

	private final WebhookTargets closed = new WebhookTargets(List.of());

	@ParameterizedTest
	@ValueSource(strings = { "http://127.0.0.1:9000/hooks", "http://localhost/", "http://10.1.2.3/",
			"http://172.16.0.1/", "http://192.168.1.1/", "http://169.254.169.254/latest/meta-data",
			"http://100.64.0.1/", "http://0.0.0.0/", "http://[::1]/", "http://[fe80::1]/", "http://[fd12::1]/",
			"http://[::ffff:10.0.0.1]/", "http://224.0.0.1/" })
	void internalAddressesAreRefusedByDefault(String url) {
		assertThatThrownBy(() -> this.closed.check(URI.create(url))).isInstanceOf(RefusedTarget.class)
			.hasMessageContaining("internal address");
	}

	@ParameterizedTest
	@ValueSource(strings = { "ftp://8.8.8.8/", "file:///etc/passwd", "/relative/hooks", "http://user:pw@8.8.8.8/" })
	void onlyAbsoluteHttpUrlsWithoutCredentialsAreTargets(String url) {
		assertThatThrownBy(() -> this.closed.check(URI.create(url))).isInstanceOf(RefusedTarget.class);
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://8.8.8.8/hooks", "https://1.1.1.1:8443/x", "http://[2001:4860:4860::8888]/" })
	void publicAddressesAreTargets(String url) {
		assertThatCode(() -> this.closed.check(URI.create(url))).doesNotThrowAnyException();
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://127.0.0.1:9000/hooks", "http://10.20.3.4/" })
	void allowedNetworksOpenTheirAddressesOnly(String url) {
		WebhookTargets open = new WebhookTargets(List.of("127.0.0.0/8", " 10.20.0.0/16 "));
		assertThatCode(() -> open.check(URI.create(url))).doesNotThrowAnyException();
		assertThatThrownBy(() -> open.check(URI.create("http://10.21.0.1/"))).isInstanceOf(RefusedTarget.class);
	}

}
