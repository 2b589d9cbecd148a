package dev.rapport.gateway.identity;

import java.util.List;
import java.util.Map;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The JWKS services verify platform tokens against, and the operator's rotation of the signing key. Security
 * restricts {@code /api/admin/**} to operators.
 */
@RestController
class SigningKeysController {

	private final SigningKeys keys;

	SigningKeysController(SigningKeys keys) {
		this.keys = keys;
	}

	@GetMapping("/.well-known/jwks.json")
	ResponseEntity<Map<String, Object>> jwks() {
		return ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(keys.jwks());
	}

	@GetMapping("/api/admin/signing-keys")
	List<SigningKeys.KeyInfo> list() {
		return keys.info();
	}

	@PostMapping("/api/admin/signing-keys/rotate")
	SigningKeys.KeyInfo rotate() {
		return keys.rotate();
	}

}
