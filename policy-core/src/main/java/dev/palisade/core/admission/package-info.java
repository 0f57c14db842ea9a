/**
 * Kubernetes admission: AdmissionReview requests read as resources, decisions written as AdmissionReview responses.
 */
package dev.palisade.core.admission;
