package e2e.heap;

import dev.stasis.Stasis;

/**
 * Objects of classes without a no-arg constructor, whose constructors validate and count: restore
 * must re-create them without calling any constructor.
 */
public final class NoDefaultConstructor {

    static int constructed;

    /** Only a validating constructor. */
    static class Money {
        private final long cents;
        private final String currency;

        Money(long cents, String currency) {
            if (currency == null || currency.length() != 3) {
                throw new IllegalArgumentException("bad currency " + currency);
            }
            this.cents = cents;
            this.currency = currency;
            constructed++;
            System.out.println("Money constructor called for " + this);
        }

        @Override
        public String toString() {
            return cents / 100 + "." + String.format("%02d", cents % 100) + " " + currency;
        }
    }

    /** A subclass, also without a no-arg constructor. */
    static final class Tagged extends Money {
        private final String tag;

        Tagged(long cents, String currency, String tag) {
            super(cents, currency);
            this.tag = tag;
        }

        @Override
        public String toString() {
            return super.toString() + " #" + tag;
        }
    }

    public static void main(String[] args) {
        Money price = new Money(1999, "EUR");
        Money tagged = new Tagged(250, "USD", "tip");
        System.out.println("before: " + price + ", " + tagged + ", constructed=" + constructed);
        Stasis.checkpoint();
        System.out.println("after: " + price + ", " + tagged + ", constructed=" + constructed);
        Money more = new Money(1, "CHF");
        System.out.println("new after restore: " + more + ", constructed=" + constructed);
    }
}
