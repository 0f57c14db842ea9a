package dev.palisade.webhook;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.palisade.core.EnforcementPoint;
import dev.palisade.core.EvaluationContext;
import dev.palisade.core.PalisadeException;
import dev.palisade.core.PolicySet;
import dev.palisade.core.Result;
import dev.palisade.core.admission.AdmissionResponses;
import dev.palisade.core.admission.AdmissionReviewRequest;
import dev.palisade.core.admission.AdmissionReviews;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Answers {@code POST} AdmissionReviews: evaluates the object at the admission enforcement point
 * and writes the AdmissionReview response. Malformed reviews get HTTP 400 with the reason.
 */
final class AdmissionHandler implements HttpHandler {
    private final PolicySet policies;
    private final EvaluationContext context;

    AdmissionHandler(PolicySet policies, EvaluationContext context) {
        this.policies = policies;
        this.context = context.toBuilder().enforcementPoint(EnforcementPoint.ADMISSION).build();
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("POST")) {
                send(exchange, 405, "text/plain", "POST an AdmissionReview\n".getBytes(StandardCharsets.UTF_8));
                return;
            }
            AdmissionReviewRequest review;
            try (InputStream body = exchange.getRequestBody()) {
                review = AdmissionReviews.read(body);
            } catch (PalisadeException e) {
                send(exchange, 400, "text/plain", (e.getMessage() + "\n").getBytes(StandardCharsets.UTF_8));
                return;
            }
            Result result = policies.evaluate(review.resource(), context);
            send(exchange, 200, "application/json", AdmissionResponses.forResult(review, result).build().toJson());
        }
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
