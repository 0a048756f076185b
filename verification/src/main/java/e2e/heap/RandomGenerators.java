package e2e.heap;

import dev.stasis.Stasis;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * The random generators of {@code java.util.random}, as simulations and genetic algorithms keep
 * them: LXM and xoshiro algorithms made by their factories (whose classes are in another module
 * on Java 17 than on 25), one with an array of state, the default algorithm, a
 * {@code SplittableRandom} and one split from it, and a factory kept to make more. After the
 * checkpoint each goes on with the numbers it would have drawn.
 */
public final class RandomGenerators {

    public static void main(String[] args) {
        RandomGeneratorFactory<RandomGenerator> factory = RandomGeneratorFactory.of("L64X256MixRandom");
        RandomGenerator[] generators = {
            factory.create(7L),
            RandomGeneratorFactory.of("Xoshiro256PlusPlus").create(11L),
            RandomGeneratorFactory.of("L64X1024MixRandom").create(13L),
            RandomGeneratorFactory.of("L32X64MixRandom").create(17L),
            new SplittableRandom(19L),
            null
        };
        generators[5] = ((SplittableRandom) generators[4]).split();
        System.out.println("before: " + draw(generators));
        Stasis.checkpoint();
        System.out.println("after: " + draw(generators));
        System.out.println("a new one from the kept factory: " + factory.name() + " " + factory.create(23L).nextLong());
    }

    private static String draw(RandomGenerator[] generators) {
        StringBuilder s = new StringBuilder();
        for (RandomGenerator g : generators) {
            long sum = 0;
            for (int i = 0; i < 1000; i++) {
                sum += g.nextLong();
            }
            s.append(' ').append(Long.toHexString(sum)).append('/').append(g.nextInt(1000));
        }
        return s.toString();
    }
}
