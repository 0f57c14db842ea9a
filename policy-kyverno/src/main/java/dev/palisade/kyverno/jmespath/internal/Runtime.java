package dev.palisade.kyverno.jmespath.internal;

import dev.palisade.kyverno.jmespath.HostResolver;
import java.time.Clock;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * What functions may use besides their arguments: the function table, the clock
 * ({@code time_now}), a random source ({@code random}), a host resolver ({@code is_external_url}) and
 * Kyverno's image settings ({@code image_normalize}).
 *
 * @param functions functions by name
 * @param clock the clock
 * @param random the random source
 * @param resolver the host resolver
 * @param defaultRegistry Kyverno's default registry ({@code docker.io})
 * @param defaultRegistryMutation whether the default registry is written into normalised names
 */
public record Runtime(Map<String, Function> functions, Clock clock, RandomGenerator random, HostResolver resolver,
                      String defaultRegistry, boolean defaultRegistryMutation) {
    public Runtime {
        functions = Map.copyOf(functions);
    }
}
