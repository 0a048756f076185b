package samples;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * A DPLL satisfiability solver (unit propagation, recursive branching, an undo trail) run on a
 * stream of generated formulas: seeded random 3-SAT near the hardness threshold, pigeonhole
 * problems (unsatisfiable) and the N-queens puzzle encoded as clauses. Every model found is
 * checked against its formula.
 *
 * <p>Argument: number of formulas (default 60; 16 runs in about 0.7 s).
 */
public final class SatSolver {

    /** A disjunction of literals; literal +v means variable v is true, -v that it is false. */
    static final class Clause {
        final int[] literals;

        Clause(int... literals) {
            this.literals = literals;
        }
    }

    /** A formula in conjunctive normal form over variables 1..variables. */
    static final class Formula {
        final String name;
        final int variables;
        final List<Clause> clauses = new ArrayList<>();

        Formula(String name, int variables) {
            this.name = name;
            this.variables = variables;
        }

        void add(int... literals) {
            clauses.add(new Clause(literals));
        }

        boolean satisfiedBy(int[] model) {
            for (Clause clause : clauses) {
                boolean sat = false;
                for (int literal : clause.literals) {
                    if (model[Math.abs(literal)] == Integer.signum(literal)) {
                        sat = true;
                        break;
                    }
                }
                if (!sat) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Produces one formula of a family for a given index. */
    interface Generator {
        Formula generate(int index, Random random);
    }

    /** Uniform random 3-SAT with about 4.25 clauses per variable, where both answers are common. */
    static final class RandomThreeSat implements Generator {
        @Override
        public Formula generate(int index, Random random) {
            int n = 110 + random.nextInt(50);
            Formula f = new Formula("random-3sat(" + n + ")", n);
            int m = n * 425 / 100;
            for (int c = 0; c < m; c++) {
                int a = 1 + random.nextInt(n);
                int b;
                do {
                    b = 1 + random.nextInt(n);
                } while (b == a);
                int d;
                do {
                    d = 1 + random.nextInt(n);
                } while (d == a || d == b);
                f.add(sign(random) * a, sign(random) * b, sign(random) * d);
            }
            return f;
        }

        private static int sign(Random random) {
            return random.nextBoolean() ? 1 : -1;
        }
    }

    /** n+1 pigeons in n holes: always unsatisfiable, hard for DPLL. */
    static final class Pigeonhole implements Generator {
        @Override
        public Formula generate(int index, Random random) {
            int holes = 5 + index % 3;
            int pigeons = holes + 1;
            Formula f = new Formula("pigeonhole(" + pigeons + "," + holes + ")", pigeons * holes);
            for (int p = 0; p < pigeons; p++) {
                int[] somewhere = new int[holes];
                for (int h = 0; h < holes; h++) {
                    somewhere[h] = var(p, h, holes);
                }
                f.add(somewhere);
            }
            for (int h = 0; h < holes; h++) {
                for (int p = 0; p < pigeons; p++) {
                    for (int q = p + 1; q < pigeons; q++) {
                        f.add(-var(p, h, holes), -var(q, h, holes));
                    }
                }
            }
            return f;
        }

        private static int var(int pigeon, int hole, int holes) {
            return pigeon * holes + hole + 1;
        }
    }

    /** One queen per row, at most one per column and diagonal, on boards of 8 to 13 squares. */
    static final class Queens implements Generator {
        @Override
        public Formula generate(int index, Random random) {
            int n = 8 + index % 6;
            Formula f = new Formula("queens(" + n + ")", n * n);
            for (int r = 0; r < n; r++) {
                int[] row = new int[n];
                for (int c = 0; c < n; c++) {
                    row[c] = r * n + c + 1;
                }
                f.add(row);
            }
            for (int a = 0; a < n * n; a++) {
                for (int b = a + 1; b < n * n; b++) {
                    int ra = a / n;
                    int ca = a % n;
                    int rb = b / n;
                    int cb = b % n;
                    if (ra == rb || ca == cb || Math.abs(ra - rb) == Math.abs(ca - cb)) {
                        f.add(-(a + 1), -(b + 1));
                    }
                }
            }
            return f;
        }
    }

    /** Search statistics. */
    static final class Stats {
        long decisions;
        long propagations;
        long conflicts;
        int maxDepth;
    }

    /** The solver state for one formula: assignment, trail of assigned variables, occurrence lists. */
    static final class Dpll {
        private final Formula formula;
        private final int[] value;
        private final int[] trail;
        private int trailSize;
        private final List<List<Clause>> occurrences;
        private final int[] order;
        final Stats stats = new Stats();

        Dpll(Formula formula) {
            this.formula = formula;
            this.value = new int[formula.variables + 1];
            this.trail = new int[formula.variables];
            this.occurrences = new ArrayList<>();
            for (int i = 0; i <= 2 * formula.variables + 1; i++) {
                occurrences.add(new ArrayList<>());
            }
            int[] counts = new int[formula.variables + 1];
            for (Clause clause : formula.clauses) {
                for (int literal : clause.literals) {
                    occurrences.get(index(literal)).add(clause);
                    counts[Math.abs(literal)]++;
                }
            }
            // branch first on the variables that occur most often; ties by number
            this.order = IntStream.rangeClosed(1, formula.variables).boxed()
                    .sorted((x, y) -> counts[x] != counts[y] ? Integer.compare(counts[y], counts[x]) : Integer.compare(x, y))
                    .mapToInt(Integer::intValue).toArray();
        }

        private int index(int literal) {
            return literal > 0 ? 2 * literal : -2 * literal + 1;
        }

        int[] solve() {
            for (Clause clause : formula.clauses) {
                if (clause.literals.length == 1 && !assign(clause.literals[0])) {
                    return null;
                }
            }
            return search(0) ? Arrays.copyOf(value, value.length) : null;
        }

        private boolean search(int depth) {
            stats.maxDepth = Math.max(stats.maxDepth, depth);
            int variable = nextUnassigned();
            if (variable == 0) {
                return true;
            }
            for (int literal : new int[] {variable, -variable}) {
                stats.decisions++;
                int mark = trailSize;
                if (assign(literal) && search(depth + 1)) {
                    return true;
                }
                stats.conflicts++;
                undo(mark);
            }
            return false;
        }

        private int nextUnassigned() {
            for (int v : order) {
                if (value[v] == 0) {
                    return v;
                }
            }
            return 0;
        }

        /** Sets a literal true and propagates its consequences; false on a conflict. */
        private boolean assign(int literal) {
            int[] queue = new int[formula.variables + 1];
            int head = 0;
            int tail = 0;
            queue[tail++] = literal;
            while (head < tail) {
                int l = queue[head++];
                int v = Math.abs(l);
                if (value[v] == Integer.signum(l)) {
                    continue;
                }
                if (value[v] != 0) {
                    return false;
                }
                value[v] = Integer.signum(l);
                trail[trailSize++] = v;
                stats.propagations++;
                for (Clause clause : occurrences.get(index(-l))) {
                    int unit = unitOf(clause);
                    if (unit == Integer.MIN_VALUE) {
                        return false;
                    }
                    if (unit != 0) {
                        queue[tail++] = unit;
                    }
                }
            }
            return true;
        }

        /**
         * 0 when the clause is satisfied or still has two open literals, its last open literal
         * when it has exactly one, Integer.MIN_VALUE when every literal is false.
         */
        private int unitOf(Clause clause) {
            int open = 0;
            int last = 0;
            for (int literal : clause.literals) {
                int v = value[Math.abs(literal)];
                if (v == Integer.signum(literal)) {
                    return 0;
                }
                if (v == 0) {
                    open++;
                    last = literal;
                }
            }
            return open == 0 ? Integer.MIN_VALUE : open == 1 ? last : 0;
        }

        private void undo(int mark) {
            while (trailSize > mark) {
                value[trail[--trailSize]] = 0;
            }
        }
    }

    public static void main(String[] args) {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        Random random = new Random(1234567L);
        List<Generator> families = List.of(new RandomThreeSat(), new RandomThreeSat(), new Queens(), new Pigeonhole());
        System.out.println("solving " + count + " formulas");
        long checksum = 0;
        int satisfiable = 0;
        for (int i = 0; i < count; i++) {
            Formula formula = families.get(i % families.size()).generate(i / families.size(), random);
            Dpll solver = new Dpll(formula);
            int[] model = solver.solve();
            Stats s = solver.stats;
            String verdict;
            if (model == null) {
                verdict = "UNSAT";
            } else {
                verdict = formula.satisfiedBy(model) ? "SAT" : "WRONG-MODEL";
                satisfiable++;
                checksum = checksum * 31 + Arrays.hashCode(model);
            }
            checksum = checksum * 1_000_003 + s.decisions * 7 + s.propagations * 13 + s.conflicts;
            System.out.println("formula " + i + " " + formula.name + " clauses " + formula.clauses.size() + " " + verdict
                    + " decisions " + s.decisions + " conflicts " + s.conflicts + " depth " + s.maxDepth);
        }
        System.out.println("satisfiable " + satisfiable + " of " + count);
        System.out.println("checksum: " + Long.toHexString(checksum));
    }
}
