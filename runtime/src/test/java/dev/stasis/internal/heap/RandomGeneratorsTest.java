package dev.stasis.internal.heap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The random generators of java.util.random come back with their algorithm and state: every
 * algorithm this JDK offers (other than Random and SecureRandom, written by their own forms)
 * continues with the numbers the original gives next, shared generators stay shared, and
 * factories come back by name.
 */
class RandomGeneratorsTest {

    @Test
    void everyAlgorithmContinuesItsSequence() {
        List<String> names = RandomGeneratorFactory.all().map(RandomGeneratorFactory::name)
                .filter(n -> !n.equals("Random") && !n.equals("SecureRandom")).sorted().collect(Collectors.toList());
        assertFalse(names.isEmpty());
        for (String name : names) {
            RandomGenerator original = RandomGeneratorFactory.of(name).create(42L);
            for (int i = 0; i < 1000; i++) {
                original.nextLong();
            }
            RandomGenerator copy = RoundTrip.copyOf(original);
            assertNotSame(original, copy, name);
            assertEquals(original.getClass(), copy.getClass(), name);
            assertArrayEquals(next(original, 20), next(copy, 20), name + " goes on with the same numbers");
        }
    }

    @Test
    void splittableRandomKeepsItsSeedAndGamma() {
        SplittableRandom original = new SplittableRandom(7);
        original.nextInt();
        SplittableRandom split = original.split();
        Object[] back = RoundTrip.copy(original, split, original);
        assertSame(back[0], back[2], "one generator held twice is one after the restore");
        assertArrayEquals(next(original, 10), next((RandomGenerator) back[0], 10));
        assertArrayEquals(next(split, 10), next((RandomGenerator) back[1], 10));
        assertArrayEquals(next(original.split(), 10), next(((SplittableRandom) back[0]).split(), 10),
                "splitting goes on the same way too");
    }

    @Test
    void factoriesComeBackByName() {
        RandomGeneratorFactory<RandomGenerator> factory = RandomGeneratorFactory.of("Xoshiro256PlusPlus");
        RandomGeneratorFactory<?> copy = RoundTrip.copyOf(factory);
        assertEquals("Xoshiro256PlusPlus", copy.name());
        assertArrayEquals(next(factory.create(5L), 5), next(copy.create(5L), 5));
    }

    private static long[] next(RandomGenerator g, int n) {
        long[] values = new long[n];
        for (int i = 0; i < n; i++) {
            values[i] = g.nextLong();
        }
        return values;
    }
}
