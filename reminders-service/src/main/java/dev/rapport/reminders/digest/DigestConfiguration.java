package dev.rapport.reminders.digest;

import java.util.Properties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * The digest's wiring: the SMTP client (only with {@code RAPPORT_SMTP_HOST}; without it the digest is off and the
 * service says so once at startup) and the link signer ({@code RAPPORT_DIGEST_LINK_SECRET}, required with SMTP:
 * a digest without working links is not sent at all).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DigestProperties.class)
class DigestConfiguration {

	private static final Logger log = LoggerFactory.getLogger(DigestConfiguration.class);

	@Bean
	DigestLinks digestLinks(DigestProperties properties) {
		byte[] key = DigestLinks.key(properties.linkSecret());
		if (key == null && properties.linkSecret() != null && !properties.linkSecret().isBlank()) {
			throw new IllegalStateException(
					"RAPPORT_DIGEST_LINK_SECRET must be base64 or hex of at least 16 bytes (32 random bytes advised)");
		}
		if (key == null && properties.mailEnabled()) {
			throw new IllegalStateException("RAPPORT_SMTP_HOST is set but RAPPORT_DIGEST_LINK_SECRET is not: the "
					+ "digest's links could not be signed (set it to base64 of 32 random bytes, e.g. openssl rand -base64 32)");
		}
		return new DigestLinks(key);
	}

	@Bean
	DigestMailer digestMailer(DigestProperties properties) {
		if (!properties.mailEnabled()) {
			log.info("Digest email is off: RAPPORT_SMTP_HOST is not set (settings are kept, nothing is sent)");
			return new DigestMailer(null, properties.from());
		}
		DigestProperties.Smtp smtp = properties.smtp();
		JavaMailSenderImpl sender = new JavaMailSenderImpl();
		sender.setHost(smtp.host());
		sender.setPort(smtp.port());
		sender.setDefaultEncoding("UTF-8");
		Properties javaMail = new Properties();
		String timeout = Long.toString(smtp.timeout().toMillis());
		javaMail.setProperty("mail.smtp.connectiontimeout", timeout);
		javaMail.setProperty("mail.smtp.timeout", timeout);
		javaMail.setProperty("mail.smtp.writetimeout", timeout);
		javaMail.put("mail.smtp.socketFactory", new NoDelaySocketFactory());
		javaMail.setProperty("mail.smtp.socketFactory.fallback", "false");
		if (smtp.username() != null && !smtp.username().isBlank()) {
			sender.setUsername(smtp.username());
			sender.setPassword(smtp.password());
			javaMail.setProperty("mail.smtp.auth", "true");
		}
		if (smtp.startTls()) {
			javaMail.setProperty("mail.smtp.starttls.enable", "true");
			javaMail.setProperty("mail.smtp.starttls.required", "true");
		}
		sender.setJavaMailProperties(javaMail);
		log.info("Digest email is on: SMTP {}:{}, from {}", smtp.host(), smtp.port(), properties.from());
		return new DigestMailer(sender, properties.from());
	}

}
