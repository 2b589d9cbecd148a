package dev.rapport.gateway.member;

import java.util.UUID;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The first team and its admin, created on a first start (no member yet).
 * @param teamId and {@code adminId}: fixed ids, so a launcher (devstack) can sign tooling tokens for the same user;
 * random when unset
 * @param adminPassword when unset, one is generated and logged once
 */
@ConfigurationProperties("rapport.gateway.bootstrap")
public record BootstrapProperties(UUID teamId, @DefaultValue("Rapport") String teamName, UUID adminId,
		@DefaultValue("admin@rapport.local") String adminEmail, @DefaultValue("Admin") String adminName,
		String adminPassword) {
}
