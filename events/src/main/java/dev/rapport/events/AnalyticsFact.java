package dev.rapport.events;

/**
 * A fact on the analytics tier ({@link Topics#ANALYTICS}): what analytics needs to count and trend, and nothing that
 * says who a person is. Identifiers are the random ids Rapport gave its records (contact, interaction, team and member
 * ids, version-4 UUIDs derived from nothing about the person); no names, emails, phone numbers, notes, summaries,
 * places, questions or follow-up texts. Once a contact is erased no service can map her id back to her.
 */
public sealed interface AnalyticsFact extends RapportEvent permits ConversationFact, RelationshipTransition {
}
