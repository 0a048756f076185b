package e2e.thirdparty;

import java.util.Random;
import org.sat4j.core.VecInt;
import org.sat4j.minisat.SolverFactory;
import org.sat4j.specs.ContradictionException;
import org.sat4j.specs.ISolver;
import org.sat4j.specs.TimeoutException;

/**
 * An unmodified SAT solver from Maven Central, sat4j (compiled for Java 1.4), deciding random
 * 3-SAT instances at the hardest clause ratio: the time goes into the solver's propagation and
 * conflict analysis, and each solver keeps a java.util.Timer for its time limit while it searches.
 * Each instance prints its answer and a checksum of the models found so far.
 *
 * <p>Arguments: variables, instances.
 */
public final class SatSolver {

    public static void main(String[] args) throws TimeoutException {
        int variables = Integer.parseInt(args[0]);
        int instances = Integer.parseInt(args[1]);
        long satisfiable = 0;
        long checksum = 0;
        for (int k = 0; k < instances; k++) {
            Random random = new Random(1000 + k);
            ISolver solver = SolverFactory.newDefault();
            solver.newVar(variables);
            int clauses = (int) (variables * 4.26);
            for (int c = 0; c < clauses; c++) {
                int[] literals = new int[3];
                for (int j = 0; j < 3; j++) {
                    int v = 1 + random.nextInt(variables);
                    literals[j] = random.nextBoolean() ? v : -v;
                }
                try {
                    solver.addClause(new VecInt(literals));
                } catch (ContradictionException e) {
                    // a clause that makes the instance trivially unsatisfiable: the solver knows it
                }
            }
            boolean sat = solver.isSatisfiable();
            if (sat) {
                satisfiable++;
                for (int literal : solver.model()) {
                    checksum = checksum * 31 + literal;
                }
            }
            System.out.println("instance " + k + " " + (sat ? "SAT" : "UNSAT") + " " + checksum);
        }
        System.out.println("done " + satisfiable + " satisfiable, checksum " + checksum);
    }
}
