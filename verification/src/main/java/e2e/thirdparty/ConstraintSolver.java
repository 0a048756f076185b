package e2e.thirdparty;

import org.chocosolver.solver.Model;
import org.chocosolver.solver.Solution;
import org.chocosolver.solver.Solver;
import org.chocosolver.solver.search.strategy.Search;
import org.chocosolver.solver.variables.IntVar;

/**
 * An unmodified constraint solver from Maven Central, Choco (with its Trove collections),
 * minimizing a Golomb ruler: marks on a ruler whose pairwise distances all differ, as short as
 * possible. The time goes into Choco's propagation engine (an all-different constraint on the
 * distances, linear sums, trailing of every domain change for backtracking) and its branch and
 * bound; each better ruler and the final optimum with the search's node and fail counts are
 * printed, which a restore must reproduce exactly.
 *
 * <p>Arguments: marks.
 */
public final class ConstraintSolver {

    public static void main(String[] args) {
        int marks = Integer.parseInt(args[0]);
        Model model = new Model("golomb-" + marks);
        IntVar[] ticks = model.intVarArray("mark", marks, 0, marks * marks, false);
        model.arithm(ticks[0], "=", 0).post();
        for (int i = 0; i < marks - 1; i++) {
            model.arithm(ticks[i + 1], ">", ticks[i]).post();
        }
        IntVar[] distances = model.intVarArray("distance", marks * (marks - 1) / 2, 0, marks * marks, false);
        int k = 0;
        for (int i = 0; i < marks - 1; i++) {
            for (int j = i + 1; j < marks; j++) {
                model.scalar(new IntVar[] {ticks[j], ticks[i]}, new int[] {1, -1}, "=", distances[k]).post();
                // j - i distances fit between marks i and j, each at least 1, 2, ... apart
                model.arithm(distances[k], ">=", (j - i) * (j - i + 1) / 2).post();
                k++;
            }
        }
        model.allDifferent(distances, "BC").post();
        IntVar length = ticks[marks - 1];
        model.setObjective(Model.MINIMIZE, length);
        Solver solver = model.getSolver();
        solver.setSearch(Search.inputOrderLBSearch(ticks));
        Solution best = new Solution(model);
        int improved = 0;
        while (solver.solve()) {
            best.record();
            improved++;
            StringBuilder ruler = new StringBuilder();
            for (IntVar t : ticks) {
                ruler.append(' ').append(t.getValue());
            }
            System.out.println("ruler " + improved + " of length " + length.getValue() + ":" + ruler);
        }
        System.out.println("optimum " + best.getIntVal(length) + " after " + solver.getNodeCount() + " nodes, "
                + solver.getFailCount() + " fails");
    }
}
