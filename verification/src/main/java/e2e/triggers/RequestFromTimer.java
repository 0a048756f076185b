package e2e.triggers;

import dev.stasis.Stasis;
import java.util.Timer;
import java.util.TimerTask;

/**
 * A checkpoint asked for by a timer thread of the application while main computes. The timer's
 * task passes no safe point after its request (the rest of that thread is the JDK's timer loop),
 * so the checkpoint is taken on main, at its next safe point. Nothing on main refers to the timer:
 * the checkpoint carries main's work only.
 *
 * <p>Arguments: steps, milliseconds before the timer asks.
 */
public final class RequestFromTimer {

    public static void main(String[] args) throws InterruptedException {
        int steps = Integer.parseInt(args[0]);
        armTimer(Long.parseLong(args[1]));
        long acc = 1;
        for (int step = 1; step <= steps; step++) {
            acc = Ticker.mix(acc, step);
            System.out.println("step " + step + " acc " + acc % 100_000);
            Thread.sleep(20);
        }
        System.out.println("done acc " + Long.toHexString(acc));
    }

    private static void armTimer(long delayMillis) {
        new Timer("checkpoint-timer", true).schedule(new TimerTask() {
            @Override
            public void run() {
                Stasis.requestCheckpoint();
            }
        }, delayMillis);
    }
}
