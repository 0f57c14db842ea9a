package dev.palisade.webhook;

import java.util.ArrayList;
import java.util.List;

/**
 * A deterministic mix of AdmissionReviews as the API server sends them: Pods and Deployments;
 * CREATE, UPDATE (with the old object) and DELETE (old object only); objects that pass, that are
 * denied (a privileged container), and that draw warnings (a {@code :latest} image, missing
 * limits) from {@code builtin:default}. Used by the tests and by {@link LoadBenchmark}.
 */
final class SampleReviews {
    private static final String[] OPERATIONS = {"CREATE", "UPDATE", "DELETE"};
    private static final String[] VARIANTS = {"clean", "privileged", "latest-tag", "no-limits"};

    /** One review: its uid and JSON body. */
    record Sample(String uid, String kind, String operation, String variant, String body) {
        /**
         * Whether the default policies allow it: a privileged object is denied on CREATE and UPDATE;
         * a DELETE is not judged by them (a non-compliant workload must stay deletable).
         */
        boolean expectedAllowed() {
            return !variant.equals("privileged") || operation.equals("DELETE");
        }
    }

    private SampleReviews() {
    }

    /** The i-th review of the mix (24 shapes, cycled; every uid distinct). */
    static Sample sample(int i, String apiVersion) {
        String kind = i % 2 == 0 ? "Pod" : "Deployment";
        String operation = OPERATIONS[(i / 2) % 3];
        String variant = VARIANTS[(i / 6) % 4];
        String uid = "00000000-0000-4000-8000-" + String.format("%012d", i);
        String name = "web-" + (i % 97);
        String object = kind.equals("Pod") ? pod(name, variant) : deployment(name, variant);
        String old = kind.equals("Pod") ? pod(name, "clean") : deployment(name, "clean");
        String group = kind.equals("Pod") ? "" : "apps";
        String resource = kind.equals("Pod") ? "pods" : "deployments";
        String body = """
                {"kind":"AdmissionReview","apiVersion":"%s","request":{"uid":"%s",\
                "kind":{"group":"%s","version":"v1","kind":"%s"},\
                "resource":{"group":"%s","version":"v1","resource":"%s"},\
                "requestKind":{"group":"%s","version":"v1","kind":"%s"},\
                "requestResource":{"group":"%s","version":"v1","resource":"%s"},\
                "name":"%s","namespace":"shop","operation":"%s",\
                "userInfo":{"username":"system:serviceaccount:shop:deployer","uid":"5b3c-41","groups":\
                ["system:serviceaccounts","system:serviceaccounts:shop","system:authenticated"]},\
                "object":%s,"oldObject":%s,"dryRun":false,\
                "options":{"kind":"%sOptions","apiVersion":"meta.k8s.io/v1"}}}"""
                .formatted(apiVersion, uid, group, kind, group, resource, group, kind, group, resource, name, operation,
                        operation.equals("DELETE") ? "null" : object,
                        operation.equals("CREATE") ? "null" : operation.equals("DELETE") ? object : old,
                        operation.charAt(0) + operation.substring(1).toLowerCase(java.util.Locale.ROOT));
        return new Sample(uid, kind, operation, variant, body);
    }

    /** The first {@code count} reviews of the mix in v1. */
    static List<Sample> mix(int count) {
        List<Sample> samples = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            samples.add(sample(i, "admission.k8s.io/v1"));
        }
        return samples;
    }

    private static String containers(String variant) {
        String image = variant.equals("latest-tag") ? "registry.example.com/shop/web:latest"
                : "registry.example.com/shop/web:1.4.2";
        String limits = variant.equals("no-limits") ? "" : "\"limits\":{\"cpu\":\"500m\",\"memory\":\"256Mi\"},";
        return """
                [{"name":"app","image":"%s","ports":[{"containerPort":8080,"protocol":"TCP"}],\
                "env":[{"name":"MODE","value":"production"},{"name":"LOG_LEVEL","value":"info"}],\
                "resources":{%s"requests":{"cpu":"100m","memory":"128Mi"}},\
                "securityContext":{"privileged":%s,"runAsNonRoot":true,"allowPrivilegeEscalation":false}},\
                {"name":"proxy","image":"registry.example.com/shop/proxy:2.1.0",\
                "resources":{"limits":{"cpu":"200m","memory":"64Mi"}},\
                "securityContext":{"runAsNonRoot":true}}]"""
                .formatted(image, limits, variant.equals("privileged"));
    }

    private static String pod(String name, String variant) {
        return """
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"%s","namespace":"shop",\
                "labels":{"app":"web","team":"shop"},"annotations":{"owner":"shop-team"}},\
                "spec":{"serviceAccountName":"web","containers":%s}}"""
                .formatted(name, containers(variant));
    }

    private static String deployment(String name, String variant) {
        return """
                {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"%s","namespace":"shop",\
                "labels":{"app":"web","team":"shop"}},\
                "spec":{"replicas":3,"selector":{"matchLabels":{"app":"web"}},\
                "template":{"metadata":{"labels":{"app":"web"}},\
                "spec":{"serviceAccountName":"web","containers":%s}}}}"""
                .formatted(name, containers(variant));
    }
}
