package e2e.thirdparty;

import io.jenetics.BitChromosome;
import io.jenetics.BitGene;
import io.jenetics.Genotype;
import io.jenetics.engine.Engine;
import io.jenetics.engine.EvolutionResult;
import io.jenetics.engine.EvolutionStart;
import io.jenetics.util.RandomRegistry;
import java.util.Random;
import java.util.random.RandomGeneratorFactory;

/**
 * An unmodified genetic algorithm library from Maven Central, Jenetics, solving a knapsack
 * problem generation by generation, each asked for by the program: its random registry holds a {@code java.util.random}
 * generator (an LXM algorithm, whose class is in another module on Java 17 than on 25), made
 * from a seed so that the run is the same every time. Each tenth of the run prints the best
 * fitness so far, the end the best of all.
 *
 * <p>Arguments: generations.
 */
public final class GeneticAlgorithm {

    public static void main(String[] args) {
        int generations = Integer.parseInt(args[0]);
        double[] weights = new double[120];
        double[] values = new double[120];
        Random items = new Random(42);
        for (int i = 0; i < weights.length; i++) {
            weights[i] = 1 + items.nextInt(50);
            values[i] = 1 + items.nextInt(100);
        }
        RandomRegistry.using(RandomGeneratorFactory.of("L64X256MixRandom").create(7L), random -> {
            Engine<BitGene, Double> engine = Engine.builder((Genotype<BitGene> g) -> {
                double weight = 0;
                double value = 0;
                for (int i = 0; i < weights.length; i++) {
                    if (g.chromosome().get(i).bit()) {
                        weight += weights[i];
                        value += values[i];
                    }
                }
                return weight > 1200 ? 0.0 : value;
            }, BitChromosome.of(weights.length, 0.3)).executor(Runnable::run).populationSize(120).build();
            EvolutionStart<BitGene, Double> start = EvolutionStart.empty();
            EvolutionResult<BitGene, Double> best = null;
            for (int g = 1; g <= generations; g++) {
                EvolutionResult<BitGene, Double> result = engine.evolve(start);
                start = result.next();
                if (best == null || result.bestFitness() > best.bestFitness()) {
                    best = result;
                }
                if (g % (generations / 10) == 0) {
                    System.out.println(g + " " + best.bestFitness() + " " + result.bestFitness());
                }
            }
            System.out.println("best " + best.bestFitness() + " at " + best.generation());
        });
    }
}
