package dev.rapport.gateway.signing;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The JWKS services verify platform tokens against, and the operator's rotation of the signing key. Security
 * restricts {@code /api/admin/**} to operators. The JWKS comes from the keys in memory; the operator's calls are
 * answered from a worker, since rotation writes the database.
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
	Mono<List<SigningKeys.KeyInfo>> list() {
		return offTheEventLoop(keys::info);
	}

	@PostMapping("/api/admin/signing-keys/rotate")
	Mono<SigningKeys.KeyInfo> rotate() {
		return offTheEventLoop(keys::rotate);
	}

	private static <T> Mono<T> offTheEventLoop(Callable<T> call) {
		return Mono.fromCallable(call).subscribeOn(Schedulers.boundedElastic());
	}

}
