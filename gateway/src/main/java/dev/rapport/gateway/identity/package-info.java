/**
 * Who may use Rapport: teams, members, sessions, personal access tokens and OIDC, and the short-lived platform token
 * the gateway signs for every authenticated request it forwards.
 */
package dev.rapport.gateway.identity;
