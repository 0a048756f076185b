package samples;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A tree-walking interpreter for a small dynamically typed language (integers, booleans,
 * strings, arrays, first-class functions with closures, recursion), running a built-in program
 * that computes Fibonacci numbers, counts primes, sorts pseudo-random arrays with quicksort and
 * folds arrays with higher-order functions. The interpreter has a tokenizer, a recursive-descent
 * parser building an AST of node classes, and an evaluator over chained environments: calls in
 * the interpreted program become deep, polymorphic call stacks in Java.
 *
 * <p>Argument: number of rounds the program runs (default 80; 12 runs in about half a second).
 */
public final class Interpreter {

    /** The program run by {@link #main}; {@code N} is the number of rounds. */
    static final String PROGRAM = """
            // a linear congruential generator, so the data are the same everywhere
            var seed = 12345;
            fun rand(limit) {
              seed = (seed * 1103515245 + 12345) % 2147483648;
              return seed % limit;
            }

            fun fib(n) {
              if (n < 2) { return n; }
              return fib(n - 1) + fib(n - 2);
            }

            fun isPrime(n) {
              if (n < 2) { return false; }
              var d = 2;
              while (d * d <= n) {
                if (n % d == 0) { return false; }
                d = d + 1;
              }
              return true;
            }

            fun quicksort(a, lo, hi) {
              if (lo >= hi) { return 0; }
              var pivot = a[(lo + hi) / 2];
              var i = lo;
              var j = hi;
              while (i <= j) {
                while (a[i] < pivot) { i = i + 1; }
                while (a[j] > pivot) { j = j - 1; }
                if (i <= j) {
                  var t = a[i]; a[i] = a[j]; a[j] = t;
                  i = i + 1; j = j - 1;
                }
              }
              return quicksort(a, lo, j) + quicksort(a, i, hi) + 1;
            }

            fun map(a, f) {
              var out = array(len(a), 0);
              var i = 0;
              while (i < len(a)) { out[i] = f(a[i]); i = i + 1; }
              return out;
            }

            fun fold(a, init, f) {
              var acc = init;
              var i = 0;
              while (i < len(a)) { acc = f(acc, a[i]); i = i + 1; }
              return acc;
            }

            fun counter(step) {
              var count = 0;
              fun next() { count = count + step; return count; }
              return next;
            }

            var checksum = 0;
            var tick = counter(3);
            var every = N / 20;
            if (every < 1) { every = 1; }
            var round = 1;
            while (round <= N) {
              var f = fib(14 + round % 7);
              var primes = 0;
              var k = 2;
              while (k < 1500 + round * 40) {
                if (isPrime(k)) { primes = primes + 1; }
                k = k + 1;
              }
              var data = array(200 + round * 5, 0);
              var i = 0;
              while (i < len(data)) { data[i] = rand(100000); i = i + 1; }
              var partitions = quicksort(data, 0, len(data) - 1);
              var sorted = true;
              i = 1;
              while (i < len(data)) {
                if (data[i - 1] > data[i]) { sorted = false; }
                i = i + 1;
              }
              var squares = map(data, fun(x) { return x * x % 1000; });
              var total = fold(squares, 0, fun(acc, x) { return (acc * 31 + x) % 1000000007; });
              checksum = (checksum * 131 + f + primes * 7 + total + tick()) % 1000000007;
              if (round % every == 0 || round == N) {
                print("round " + round + ": fib " + f + ", primes " + primes + ", sorted " + sorted
                      + " in " + partitions + " partitions, min " + data[0] + " max " + data[len(data) - 1]
                      + ", fold " + total);
              }
              round = round + 1;
            }
            """;

    // ---------------------------------------------------------------- tokens

    enum Kind { NUMBER, STRING, IDENT, KEYWORD, SYMBOL, END }

    record Token(Kind kind, String text, int line) {
    }

    /** Turns source text into tokens; comments start with // and run to the end of the line. */
    static final class Lexer {
        private static final List<String> KEYWORDS = List.of("var", "fun", "if", "else", "while", "return", "true", "false");
        private static final List<String> SYMBOLS = List.of("==", "!=", "<=", ">=", "&&", "||",
                "+", "-", "*", "/", "%", "<", ">", "=", "!", "(", ")", "{", "}", "[", "]", ",", ";");
        private final String src;
        private int pos;
        private int line = 1;

        Lexer(String src) {
            this.src = src;
        }

        List<Token> tokens() {
            List<Token> out = new ArrayList<>();
            while (true) {
                skipSpaceAndComments();
                if (pos >= src.length()) {
                    out.add(new Token(Kind.END, "", line));
                    return out;
                }
                out.add(next());
            }
        }

        private void skipSpaceAndComments() {
            while (pos < src.length()) {
                char c = src.charAt(pos);
                if (c == '\n') {
                    line++;
                    pos++;
                } else if (Character.isWhitespace(c)) {
                    pos++;
                } else if (src.startsWith("//", pos)) {
                    while (pos < src.length() && src.charAt(pos) != '\n') {
                        pos++;
                    }
                } else {
                    return;
                }
            }
        }

        private Token next() {
            char c = src.charAt(pos);
            int start = pos;
            if (Character.isDigit(c)) {
                while (pos < src.length() && Character.isDigit(src.charAt(pos))) {
                    pos++;
                }
                return new Token(Kind.NUMBER, src.substring(start, pos), line);
            }
            if (Character.isLetter(c) || c == '_') {
                while (pos < src.length() && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_')) {
                    pos++;
                }
                String word = src.substring(start, pos);
                return new Token(KEYWORDS.contains(word) ? Kind.KEYWORD : Kind.IDENT, word, line);
            }
            if (c == '"') {
                int end = src.indexOf('"', pos + 1);
                pos = end + 1;
                return new Token(Kind.STRING, src.substring(start + 1, end), line);
            }
            for (String symbol : SYMBOLS) {
                if (src.startsWith(symbol, pos)) {
                    pos += symbol.length();
                    return new Token(Kind.SYMBOL, symbol, line);
                }
            }
            throw new IllegalStateException("line " + line + ": unexpected character '" + c + "'");
        }
    }

    // ---------------------------------------------------------------- syntax tree

    /** An expression node. */
    abstract static class Expr {
        abstract Object eval(Env env);
    }

    /** A statement node. */
    abstract static class Stmt {
        abstract void exec(Env env);
    }

    static final class Literal extends Expr {
        private final Object value;

        Literal(Object value) {
            this.value = value;
        }

        @Override
        Object eval(Env env) {
            return value;
        }
    }

    static final class Variable extends Expr {
        final String name;

        Variable(String name) {
            this.name = name;
        }

        @Override
        Object eval(Env env) {
            return env.lookup(name);
        }
    }

    static final class Unary extends Expr {
        private final String op;
        private final Expr operand;

        Unary(String op, Expr operand) {
            this.op = op;
            this.operand = operand;
        }

        @Override
        Object eval(Env env) {
            Object v = operand.eval(env);
            return op.equals("-") ? (Object) (-asLong(v)) : (Object) !asBoolean(v);
        }
    }

    static final class Binary extends Expr {
        private final String op;
        private final Expr left;
        private final Expr right;

        Binary(String op, Expr left, Expr right) {
            this.op = op;
            this.left = left;
            this.right = right;
        }

        @Override
        Object eval(Env env) {
            if (op.equals("&&")) {
                return asBoolean(left.eval(env)) && asBoolean(right.eval(env));
            }
            if (op.equals("||")) {
                return asBoolean(left.eval(env)) || asBoolean(right.eval(env));
            }
            Object a = left.eval(env);
            Object b = right.eval(env);
            switch (op) {
                case "+":
                    if (a instanceof String || b instanceof String) {
                        return show(a) + show(b);
                    }
                    return asLong(a) + asLong(b);
                case "-":
                    return asLong(a) - asLong(b);
                case "*":
                    return asLong(a) * asLong(b);
                case "/":
                    return asLong(a) / asLong(b);
                case "%":
                    return asLong(a) % asLong(b);
                case "<":
                    return asLong(a) < asLong(b);
                case ">":
                    return asLong(a) > asLong(b);
                case "<=":
                    return asLong(a) <= asLong(b);
                case ">=":
                    return asLong(a) >= asLong(b);
                case "==":
                    return a.equals(b);
                case "!=":
                    return !a.equals(b);
                default:
                    throw new IllegalStateException("unknown operator " + op);
            }
        }
    }

    static final class Index extends Expr {
        final Expr array;
        final Expr index;

        Index(Expr array, Expr index) {
            this.array = array;
            this.index = index;
        }

        @Override
        Object eval(Env env) {
            return asArray(array.eval(env)).get((int) asLong(index.eval(env)));
        }
    }

    static final class Call extends Expr {
        private final Expr callee;
        private final List<Expr> arguments;

        Call(Expr callee, List<Expr> arguments) {
            this.callee = callee;
            this.arguments = arguments;
        }

        @Override
        Object eval(Env env) {
            Object f = callee.eval(env);
            List<Object> values = new ArrayList<>(arguments.size());
            for (Expr argument : arguments) {
                values.add(argument.eval(env));
            }
            if (!(f instanceof Callable callable)) {
                throw new IllegalStateException("not a function: " + show(f));
            }
            return callable.call(values);
        }
    }

    /** {@code fun(params) { body }} as an expression, or the value of a named declaration. */
    static final class FunctionExpr extends Expr {
        final String name;
        final List<String> params;
        final List<Stmt> body;

        FunctionExpr(String name, List<String> params, List<Stmt> body) {
            this.name = name;
            this.params = params;
            this.body = body;
        }

        @Override
        Object eval(Env env) {
            return new Closure(this, env);
        }
    }

    static final class Assign extends Expr {
        private final Expr target;
        private final Expr value;

        Assign(Expr target, Expr value) {
            this.target = target;
            this.value = value;
        }

        @Override
        Object eval(Env env) {
            Object v = value.eval(env);
            if (target instanceof Variable variable) {
                env.assign(variable.name, v);
            } else {
                Index index = (Index) target;
                asArray(index.array.eval(env)).set((int) asLong(index.index.eval(env)), v);
            }
            return v;
        }
    }

    static final class ExprStmt extends Stmt {
        private final Expr expr;

        ExprStmt(Expr expr) {
            this.expr = expr;
        }

        @Override
        void exec(Env env) {
            expr.eval(env);
        }
    }

    static final class VarStmt extends Stmt {
        private final String name;
        private final Expr init;

        VarStmt(String name, Expr init) {
            this.name = name;
            this.init = init;
        }

        @Override
        void exec(Env env) {
            env.define(name, init.eval(env));
        }
    }

    static final class Block extends Stmt {
        private final List<Stmt> statements;

        Block(List<Stmt> statements) {
            this.statements = statements;
        }

        @Override
        void exec(Env env) {
            Env inner = new Env(env);
            for (Stmt statement : statements) {
                statement.exec(inner);
            }
        }
    }

    static final class If extends Stmt {
        private final Expr condition;
        private final Stmt then;
        private final Stmt otherwise;

        If(Expr condition, Stmt then, Stmt otherwise) {
            this.condition = condition;
            this.then = then;
            this.otherwise = otherwise;
        }

        @Override
        void exec(Env env) {
            if (asBoolean(condition.eval(env))) {
                then.exec(env);
            } else if (otherwise != null) {
                otherwise.exec(env);
            }
        }
    }

    static final class While extends Stmt {
        private final Expr condition;
        private final Stmt body;

        While(Expr condition, Stmt body) {
            this.condition = condition;
            this.body = body;
        }

        @Override
        void exec(Env env) {
            while (asBoolean(condition.eval(env))) {
                body.exec(env);
            }
        }
    }

    static final class Return extends Stmt {
        private final Expr value;

        Return(Expr value) {
            this.value = value;
        }

        @Override
        void exec(Env env) {
            throw new ReturnSignal(value == null ? 0L : value.eval(env));
        }
    }

    /** Carries a return value out of nested statements to the function call; no stack trace. */
    static final class ReturnSignal extends RuntimeException {
        final transient Object value;

        ReturnSignal(Object value) {
            super(null, null, false, false);
            this.value = value;
        }
    }

    // ---------------------------------------------------------------- parser

    /** Recursive descent over the tokens, one method per precedence level. */
    static final class Parser {
        private final List<Token> tokens;
        private int pos;

        Parser(List<Token> tokens) {
            this.tokens = tokens;
        }

        List<Stmt> program() {
            List<Stmt> statements = new ArrayList<>();
            while (peek().kind() != Kind.END) {
                statements.add(statement());
            }
            return statements;
        }

        private Token peek() {
            return tokens.get(pos);
        }

        private boolean at(String text) {
            Token t = peek();
            return (t.kind() == Kind.SYMBOL || t.kind() == Kind.KEYWORD) && t.text().equals(text);
        }

        private boolean accept(String text) {
            if (at(text)) {
                pos++;
                return true;
            }
            return false;
        }

        private Token expect(String text) {
            if (!at(text)) {
                throw new IllegalStateException("line " + peek().line() + ": expected '" + text + "' but found '" + peek().text() + "'");
            }
            return tokens.get(pos++);
        }

        private String identifier() {
            Token t = tokens.get(pos++);
            if (t.kind() != Kind.IDENT) {
                throw new IllegalStateException("line " + t.line() + ": expected a name but found '" + t.text() + "'");
            }
            return t.text();
        }

        private Stmt statement() {
            if (accept("var")) {
                String name = identifier();
                expect("=");
                Expr init = expression();
                expect(";");
                return new VarStmt(name, init);
            }
            if (at("fun") && tokens.get(pos + 1).kind() == Kind.IDENT) {
                pos++;
                String name = identifier();
                return new VarStmt(name, function(name));
            }
            if (accept("if")) {
                expect("(");
                Expr condition = expression();
                expect(")");
                Stmt then = statement();
                Stmt otherwise = accept("else") ? statement() : null;
                return new If(condition, then, otherwise);
            }
            if (accept("while")) {
                expect("(");
                Expr condition = expression();
                expect(")");
                return new While(condition, statement());
            }
            if (accept("return")) {
                Expr value = at(";") ? null : expression();
                expect(";");
                return new Return(value);
            }
            if (accept("{")) {
                List<Stmt> statements = new ArrayList<>();
                while (!accept("}")) {
                    statements.add(statement());
                }
                return new Block(statements);
            }
            Expr expr = expression();
            expect(";");
            return new ExprStmt(expr);
        }

        private FunctionExpr function(String name) {
            expect("(");
            List<String> params = new ArrayList<>();
            if (!accept(")")) {
                do {
                    params.add(identifier());
                } while (accept(","));
                expect(")");
            }
            expect("{");
            List<Stmt> body = new ArrayList<>();
            while (!accept("}")) {
                body.add(statement());
            }
            return new FunctionExpr(name, params, body);
        }

        private Expr expression() {
            Expr left = binary(0);
            if (accept("=")) {
                if (!(left instanceof Variable) && !(left instanceof Index)) {
                    throw new IllegalStateException("line " + peek().line() + ": cannot assign to this expression");
                }
                return new Assign(left, expression());
            }
            return left;
        }

        private static final List<List<String>> LEVELS = List.of(List.of("||"), List.of("&&"), List.of("==", "!="),
                List.of("<", ">", "<=", ">="), List.of("+", "-"), List.of("*", "/", "%"));

        private Expr binary(int level) {
            if (level == LEVELS.size()) {
                return unary();
            }
            Expr left = binary(level + 1);
            while (true) {
                String op = null;
                for (String candidate : LEVELS.get(level)) {
                    if (at(candidate)) {
                        op = candidate;
                    }
                }
                if (op == null) {
                    return left;
                }
                pos++;
                left = new Binary(op, left, binary(level + 1));
            }
        }

        private Expr unary() {
            if (accept("-")) {
                return new Unary("-", unary());
            }
            if (accept("!")) {
                return new Unary("!", unary());
            }
            return postfix(primary());
        }

        private Expr postfix(Expr expr) {
            while (true) {
                if (accept("(")) {
                    List<Expr> args = new ArrayList<>();
                    if (!accept(")")) {
                        do {
                            args.add(expression());
                        } while (accept(","));
                        expect(")");
                    }
                    expr = new Call(expr, args);
                } else if (accept("[")) {
                    Expr index = expression();
                    expect("]");
                    expr = new Index(expr, index);
                } else {
                    return expr;
                }
            }
        }

        private Expr primary() {
            Token t = tokens.get(pos++);
            switch (t.kind()) {
                case NUMBER:
                    return new Literal(Long.parseLong(t.text()));
                case STRING:
                    return new Literal(t.text());
                case IDENT:
                    return new Variable(t.text());
                default:
                    break;
            }
            switch (t.text()) {
                case "true":
                    return new Literal(Boolean.TRUE);
                case "false":
                    return new Literal(Boolean.FALSE);
                case "fun":
                    return function("lambda@" + t.line());
                case "(":
                    Expr inner = expression();
                    expect(")");
                    return inner;
                default:
                    throw new IllegalStateException("line " + t.line() + ": unexpected '" + t.text() + "'");
            }
        }
    }

    // ---------------------------------------------------------------- runtime

    /** Variables of one scope, chained to the enclosing scope. */
    static final class Env {
        private final Env parent;
        private final Map<String, Object> values = new HashMap<>();

        Env(Env parent) {
            this.parent = parent;
        }

        void define(String name, Object value) {
            values.put(name, value);
        }

        Object lookup(String name) {
            for (Env e = this; e != null; e = e.parent) {
                Object v = e.values.get(name);
                if (v != null) {
                    return v;
                }
            }
            throw new IllegalStateException("undefined variable " + name);
        }

        void assign(String name, Object value) {
            for (Env e = this; e != null; e = e.parent) {
                if (e.values.containsKey(name)) {
                    e.values.put(name, value);
                    return;
                }
            }
            throw new IllegalStateException("assignment to undefined variable " + name);
        }
    }

    /** Anything the program can call. */
    interface Callable {
        Object call(List<Object> arguments);
    }

    /** A function of the program with the environment it was created in. */
    static final class Closure implements Callable {
        private final FunctionExpr function;
        private final Env captured;

        Closure(FunctionExpr function, Env captured) {
            this.function = function;
            this.captured = captured;
        }

        @Override
        public Object call(List<Object> arguments) {
            if (arguments.size() != function.params.size()) {
                throw new IllegalStateException(function.name + " expects " + function.params.size() + " arguments");
            }
            Env local = new Env(captured);
            for (int i = 0; i < arguments.size(); i++) {
                local.define(function.params.get(i), arguments.get(i));
            }
            try {
                for (Stmt statement : function.body) {
                    statement.exec(local);
                }
            } catch (ReturnSignal signal) {
                return signal.value;
            }
            return 0L;
        }
    }

    /** A function implemented in Java. */
    record Builtin(String name, Function<List<Object>, Object> body) implements Callable {
        @Override
        public Object call(List<Object> arguments) {
            return body.apply(arguments);
        }
    }

    static long asLong(Object v) {
        if (v instanceof Long l) {
            return l;
        }
        throw new IllegalStateException("not a number: " + show(v));
    }

    static boolean asBoolean(Object v) {
        if (v instanceof Boolean b) {
            return b;
        }
        throw new IllegalStateException("not a boolean: " + show(v));
    }

    @SuppressWarnings("unchecked")
    static List<Object> asArray(Object v) {
        if (v instanceof List<?> list) {
            return (List<Object>) list;
        }
        throw new IllegalStateException("not an array: " + show(v));
    }

    static String show(Object v) {
        if (v instanceof Closure c) {
            return "<fun " + c.function.name + ">";
        }
        return String.valueOf(v);
    }

    static Env globals(long rounds) {
        Env env = new Env(null);
        env.define("N", rounds);
        env.define("print", new Builtin("print", args -> {
            StringBuilder line = new StringBuilder();
            for (Object arg : args) {
                line.append(line.length() == 0 ? "" : " ").append(show(arg));
            }
            System.out.println(line);
            return 0L;
        }));
        env.define("len", new Builtin("len", args -> (long) asArray(args.get(0)).size()));
        env.define("array", new Builtin("array", args -> {
            List<Object> array = new ArrayList<>();
            for (long i = 0; i < asLong(args.get(0)); i++) {
                array.add(args.get(1));
            }
            return array;
        }));
        return env;
    }

    public static void main(String[] args) {
        long rounds = args.length > 0 ? Long.parseLong(args[0]) : 80;
        List<Token> tokens = new Lexer(PROGRAM).tokens();
        List<Stmt> program = new Parser(tokens).program();
        System.out.println("parsed " + tokens.size() + " tokens into " + program.size() + " statements; running " + rounds + " rounds");
        Env global = globals(rounds);
        for (Stmt statement : program) {
            statement.exec(global);
        }
        System.out.println("checksum: " + global.lookup("checksum") + "-" + global.lookup("seed"));
    }
}
