package e2e.thirdparty;

import java.util.Random;
import smile.base.mlp.Layer;
import smile.base.mlp.OutputFunction;
import smile.classification.MLP;
import smile.math.MathEx;
import smile.math.TimeFunction;

/**
 * A training loop over Smile (an unmodified machine-learning library from Maven Central): a small
 * neural network learns a linear rule from generated data by online updates, epoch after epoch.
 * Smile's matrix code calls OpenBLAS, a native library that JavaCPP extracts from its jar for
 * this CPU and loads from a static initializer: a restored JVM must load it again for itself.
 * Prints the training accuracy and the mean output for ten samples every few epochs.
 *
 * <p>Arguments: epochs, samples.
 */
public final class NeuralNetworkTraining {

    public static void main(String[] args) {
        int epochs = Integer.parseInt(args[0]);
        int n = Integer.parseInt(args[1]);
        int d = 8;
        MathEx.setSeed(19650218);
        Random random = new Random(7);
        double[][] x = new double[n][d];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < d; j++) {
                x[i][j] = random.nextGaussian();
                s += x[i][j] * (j % 3 - 1);
            }
            y[i] = s + random.nextGaussian() > 0 ? 1 : 0; // a noisy rule: no network gets it all right
        }
        MLP network = new MLP(Layer.input(d), Layer.sigmoid(16), Layer.mle(1, OutputFunction.SIGMOID));
        network.setLearningRate(TimeFunction.constant(0.05));
        double[] posteriori = new double[2];
        for (int epoch = 1; epoch <= epochs; epoch++) {
            for (int i = 0; i < n; i++) {
                network.update(x[i], y[i]);
            }
            if (epoch % 25 == 0) {
                int correct = 0;
                for (int i = 0; i < n; i++) {
                    correct += network.predict(x[i]) == y[i] ? 1 : 0;
                }
                double mean = 0;
                for (int i = 0; i < 10; i++) {
                    network.predict(x[i], posteriori);
                    mean += posteriori[1] / 10;
                }
                System.out.printf("epoch %d: %d of %d right, mean p(1) of the first ten = %.12f%n", epoch, correct, n,
                        mean);
            }
        }
    }
}
