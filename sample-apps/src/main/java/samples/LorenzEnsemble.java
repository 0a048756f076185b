package samples;

import org.apache.commons.math3.analysis.solvers.BrentSolver;
import org.apache.commons.math3.ode.FirstOrderDifferentialEquations;
import org.apache.commons.math3.ode.FirstOrderIntegrator;
import org.apache.commons.math3.ode.nonstiff.DormandPrince853Integrator;
import org.apache.commons.math3.random.RandomDataGenerator;
import org.apache.commons.math3.random.Well19937c;

/**
 * An application built on a third-party library (Apache Commons Math) that knows nothing of
 * Stasis: it integrates an ensemble of Lorenz systems from seeded random starting points with an
 * adaptive Dormand-Prince integrator, and locates a root with Brent's solver for each member. Most
 * of its time is spent inside the library, so a checkpoint taken by the agent (interval, signal,
 * ...) usually captures library frames.
 *
 * <p>Results are printed as the bits of doubles folded into integers: the library computes with
 * plain arithmetic and its own FastMath, which give the same bits on every JDK.
 *
 * <p>Arguments: [ensemble members, default 40] [time units integrated per member, default 40].
 */
public final class LorenzEnsemble {

    /** The Lorenz system with the classic parameters; called by the integrator for every stage. */
    static final class Lorenz implements FirstOrderDifferentialEquations {
        private final double sigma;
        private final double rho;
        private final double beta;

        Lorenz(double sigma, double rho, double beta) {
            this.sigma = sigma;
            this.rho = rho;
            this.beta = beta;
        }

        @Override
        public int getDimension() {
            return 3;
        }

        @Override
        public void computeDerivatives(double t, double[] y, double[] yDot) {
            yDot[0] = sigma * (y[1] - y[0]);
            yDot[1] = y[0] * (rho - y[2]) - y[1];
            yDot[2] = y[0] * y[1] - beta * y[2];
        }
    }

    public static void main(String[] args) {
        int members = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        double span = args.length > 1 ? Double.parseDouble(args[1]) : 40;
        RandomDataGenerator random = new RandomDataGenerator(new Well19937c(20240601L));
        FirstOrderIntegrator integrator = new DormandPrince853Integrator(1.0e-8, 1.0, 1.0e-10, 1.0e-10);
        BrentSolver solver = new BrentSolver(1.0e-12);
        Lorenz lorenz = new Lorenz(10, 28, 8.0 / 3.0);
        long checksum = 0;
        System.out.println("integrating " + members + " Lorenz systems over " + span + " time units each");
        for (int m = 0; m < members; m++) {
            double[] y = {random.nextUniform(-15, 15), random.nextUniform(-20, 20), random.nextUniform(5, 40)};
            integrator.integrate(lorenz, 0, y, span, y);
            double shift = y[0];
            double root = solver.solve(1000, x -> x * x * x - x - 1 - StrictMath.abs(shift) / 100, 0, 10);
            long bits = Double.doubleToLongBits(y[0]) ^ Double.doubleToLongBits(y[1]) * 31
                    ^ Double.doubleToLongBits(y[2]) * 961 ^ Double.doubleToLongBits(root);
            checksum = checksum * 1_000_003 + bits;
            System.out.println("member " + m + " state " + Long.toHexString(bits)
                    + " evaluations " + integrator.getEvaluations() + " root " + Long.toHexString(Double.doubleToLongBits(root)));
        }
        System.out.println("checksum " + Long.toHexString(checksum));
    }
}
