package e2e.heap;

import dev.stasis.Stasis;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

/**
 * JDK value objects held across the checkpoint: boxed primitives, BigInteger, BigDecimal and
 * java.time values ("values"); and the identities the language guarantees ("identity"): boxed
 * small integers and booleans are the cached instances, and a string literal is the interned one.
 */
public final class JdkValueTypes {

    public static void main(String[] args) {
        switch (args[0]) {
            case "values":
                values();
                break;
            case "identity":
                identity();
                break;
            default:
                throw new IllegalArgumentException("unknown case " + args[0]);
        }
    }

    static void values() {
        Integer boxedInt = 123_456;
        Long boxedLong = -9_876_543_210L;
        Double boxedDouble = 0.1;
        Float boxedFloat = 2.5f;
        Character boxedChar = 'Z';
        Byte boxedByte = (byte) -3;
        Short boxedShort = (short) 1234;
        Boolean boxedBoolean = Boolean.FALSE;
        BigInteger big = BigInteger.valueOf(3).pow(200);
        BigDecimal decimal = new BigDecimal("12345.678900");
        LocalDate date = LocalDate.of(2024, 2, 29);
        Duration duration = Duration.ofMillis(90_061_001);
        Instant instant = Instant.ofEpochSecond(1_700_000_000L, 123_456_789);
        String text = "snow \u2603 " + boxedInt;
        System.out.println("before: " + boxedInt + " " + boxedLong + " " + Double.toHexString(boxedDouble) + " "
                + Float.toHexString(boxedFloat) + " " + boxedChar + " " + boxedByte + " " + boxedShort + " " + boxedBoolean);
        System.out.println("before: " + big + " " + decimal + " scale " + decimal.scale() + " " + date + " " + duration
                + " " + instant + " " + text);
        Stasis.checkpoint();
        System.out.println("after: " + boxedInt + " " + boxedLong + " " + Double.toHexString(boxedDouble) + " "
                + Float.toHexString(boxedFloat) + " " + boxedChar + " " + boxedByte + " " + boxedShort + " " + boxedBoolean);
        System.out.println("after: " + big + " " + decimal + " scale " + decimal.scale() + " " + date + " " + duration
                + " " + instant + " " + text);
        System.out.println("arithmetic: " + big.add(BigInteger.ONE).mod(BigInteger.valueOf(1_000_003)) + " "
                + decimal.multiply(BigDecimal.TEN) + " " + date.plusDays(1) + " " + duration.plusSeconds(1) + " "
                + text.hashCode() + " " + boxedInt.equals(123_456));
    }

    static void identity() {
        Integer small = 100;
        Boolean yes = true;
        Character letter = 'a';
        String literal = "literal";
        System.out.println("before: " + (small == Integer.valueOf(100)) + " " + (yes == Boolean.TRUE) + " "
                + (letter == Character.valueOf('a')) + " " + (literal == "literal"));
        Stasis.checkpoint();
        System.out.println("after: " + (small == Integer.valueOf(100)) + " " + (yes == Boolean.TRUE) + " "
                + (letter == Character.valueOf('a')) + " " + (literal == "literal"));
    }
}
