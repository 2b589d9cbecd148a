package dev.rapport.gateway.member;

import java.util.UUID;

/**
 * A member was removed, or their roles or password changed, and that is committed: what other features remember of
 * them (a recently used access token, a checked session) goes at once on this instance.
 */
public record MemberChanged(UUID memberId) {
}
