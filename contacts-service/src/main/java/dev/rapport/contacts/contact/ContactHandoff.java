package dev.rapport.contacts.contact;

import java.time.Instant;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;

/** One contact's handoff: who owned her, who owns her since, the admin who handed her over and when. */
public record ContactHandoff(
		@Schema(description = "The handoff she was part of (one per request)", requiredMode = RequiredMode.REQUIRED)
		UUID handoffId,
		@Schema(requiredMode = RequiredMode.REQUIRED) UUID contactId,
		@Schema(description = "Her owner before", requiredMode = RequiredMode.REQUIRED) UUID fromMemberId,
		@Schema(description = "Her owner since", requiredMode = RequiredMode.REQUIRED) UUID toMemberId,
		@Schema(description = "The team admin who handed her over", requiredMode = RequiredMode.REQUIRED)
		UUID byMemberId,
		@Schema(requiredMode = RequiredMode.REQUIRED) Instant handedOffAt) {
}
