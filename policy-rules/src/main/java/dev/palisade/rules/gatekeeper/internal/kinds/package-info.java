/**
 * Native implementations of the Gatekeeper library's constraint kinds, one per library template,
 * following each template's Rego: same parameters, decisions and messages, Rego's set semantics and
 * value printing, and a JSON pointer for each violation. {@link
 * dev.palisade.rules.gatekeeper.internal.kinds.NativeConstraintKinds} is the registry by kind.
 * Not API: the Gatekeeper loader selects these by constraint kind.
 */
package dev.palisade.rules.gatekeeper.internal.kinds;
