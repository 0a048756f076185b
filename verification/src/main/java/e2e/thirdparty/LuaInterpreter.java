package e2e.thirdparty;

import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.lib.jse.JsePlatform;

/**
 * An unmodified Lua interpreter from Maven Central, LuaJ, running a Lua program: recursion,
 * closures, tables with metatables and string building. LuaJ's dispatch method ({@code
 * LuaClosure.execute}) is too large to instrument at all its calls (see SiteSelection), and every
 * frame of the Lua program is one of its frames. Each round prints a checksum.
 *
 * <p>Arguments: rounds, the depth of the recursion.
 */
public final class LuaInterpreter {

    static final String PROGRAM = String.join("\n",
            "local rounds, depth = ...",
            "local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end",
            "local function counter() local c = 0 return function(k) c = c + k return c end end",
            "local doubled = setmetatable({}, {__index = function(t, k) return k * 2 end})",
            "local acc, seen, count = 0, {}, counter()",
            "for round = 1, rounds do",
            "  local f = fib(depth)",
            "  local key = string.format('k%d', round % 7)",
            "  seen[key] = (seen[key] or 0) + f",
            "  acc = (acc * 31 + f + doubled[round] + count(round)) % 1000000007",
            "  print('round ' .. round .. ' ' .. acc .. ' ' .. seen[key])",
            "end",
            "return acc");

    public static void main(String[] args) {
        Globals globals = JsePlatform.standardGlobals();
        LuaValue chunk = globals.load(PROGRAM, "rounds.lua");
        LuaValue result = chunk.call(LuaValue.valueOf(Integer.parseInt(args[0])),
                LuaValue.valueOf(Integer.parseInt(args[1])));
        System.out.println("done " + result.tojstring());
    }
}
