package dev.rapport.gateway.member;

import java.util.Map;

import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * How members' passwords are hashed, the first team and admin of a deployment, created on its first start, and the
 * backfill of members' state on Kafka.
 */
@Configuration(proxyBeanMethods = false)
class MemberConfiguration {

	@Bean
	PasswordEncoder passwordEncoder() {
		// Argon2id for new hashes; bcrypt ones (imported users, say) still verify and are upgraded at the next sign-in.
		return new DelegatingPasswordEncoder("argon2", Map.of("argon2",
				Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8(), "bcrypt", new BCryptPasswordEncoder()));
	}

	/** After the signing keys (order 0): a first start has keys before it has members. */
	@Bean
	@Order(1)
	ApplicationRunner firstTeam(Members members, BootstrapProperties bootstrap) {
		return args -> members.bootstrap(bootstrap);
	}

	/**
	 * After the first team: the members a deployment had before the gateway published members' state get theirs
	 * (once; a start that finds none publishes nothing).
	 */
	@Bean
	@Order(2)
	ApplicationRunner memberStateBackfill(Members members) {
		return args -> members.publishUnpublishedMembers();
	}

}
