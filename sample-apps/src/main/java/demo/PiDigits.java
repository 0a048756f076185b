package demo;

import dev.stasis.Stasis;
import java.math.BigInteger;

/**
 * Computes decimal digits of pi with Gibbons' unbounded spigot (exact BigInteger arithmetic, so
 * every JDK prints the same digits), and takes a checkpoint at a chosen digit. Run under the agent
 * with exit=true it stops there; restored, possibly on another JDK, it finishes the computation
 * and prints the same digits and checksum as an uninterrupted run.
 *
 * <p>Arguments: [number of digits, default 6000] [digit to checkpoint at, default half of them].
 */
public final class PiDigits {

    private static final BigInteger TWO = BigInteger.valueOf(2);
    private static final BigInteger THREE = BigInteger.valueOf(3);
    private static final BigInteger FOUR = BigInteger.valueOf(4);
    private static final BigInteger SEVEN = BigInteger.valueOf(7);
    private static final int PROGRESS_EVERY = 500;

    public static void main(String[] args) {
        int digits = args.length > 0 ? Integer.parseInt(args[0]) : 6000;
        int checkpointAt = args.length > 1 ? Integer.parseInt(args[1]) : digits / 2;
        System.out.println("computing " + digits + " digits of pi, checkpoint after digit " + checkpointAt);

        StringBuilder pi = new StringBuilder(digits + 1);
        long checksum = 0;
        BigInteger q = BigInteger.ONE;
        BigInteger r = BigInteger.ZERO;
        BigInteger t = BigInteger.ONE;
        BigInteger k = BigInteger.ONE;
        BigInteger n = THREE;
        BigInteger l = THREE;
        while (pi.length() < digits) {
            if (FOUR.multiply(q).add(r).subtract(t).compareTo(n.multiply(t)) < 0) {
                int digit = n.intValueExact();
                pi.append((char) ('0' + digit));
                checksum = checksum * 31 + digit;
                BigInteger nr = BigInteger.TEN.multiply(r.subtract(n.multiply(t)));
                n = BigInteger.TEN.multiply(THREE.multiply(q).add(r)).divide(t).subtract(BigInteger.TEN.multiply(n));
                q = q.multiply(BigInteger.TEN);
                r = nr;
                int count = pi.length();
                if (count % PROGRESS_EVERY == 0) {
                    System.out.println("digits " + (count - PROGRESS_EVERY + 1) + "-" + count + " end with "
                            + pi.substring(count - 10) + ", checksum so far " + Long.toHexString(checksum));
                }
                if (count == checkpointAt) {
                    System.out.println("checkpoint after digit " + count);
                    Stasis.checkpoint();
                }
            } else {
                BigInteger nr = TWO.multiply(q).add(r).multiply(l);
                BigInteger nn = q.multiply(SEVEN.multiply(k)).add(TWO).add(r.multiply(l)).divide(t.multiply(l));
                q = q.multiply(k);
                t = t.multiply(l);
                l = l.add(TWO);
                k = k.add(BigInteger.ONE);
                n = nn;
                r = nr;
            }
        }
        System.out.println("pi = " + pi.charAt(0) + "." + pi.substring(1, 51) + "..." + pi.substring(pi.length() - 20));
        System.out.println("checksum " + Long.toHexString(checksum));
    }
}
