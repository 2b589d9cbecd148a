package dev.rapport.interactions.contact;

/**
 * A contact linked to another by an introduction (contacts-service's {@code howWeMet.introducedBy}):
 * {@code introducedThem} when this contact introduced the other, false when the other introduced this one.
 */
public record Introduction(ContactReplica contact, boolean introducedThem) {
}
