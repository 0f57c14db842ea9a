/** Implementation of the recommended catalogue; not an API. */
package dev.palisade.rules.recommended.internal;
