package e2e.threads;

import java.util.ArrayList;
import java.util.List;

/**
 * A deterministic multi-threaded program: four tellers move money between eight accounts, each
 * transfer under both accounts' monitors (taken in a fixed order). Each teller's transfers come
 * from its own seeded generator (a plain LCG in a local), so whatever the interleaving, the final
 * balances, the tellers' counts and the total are always the same. Only the main thread prints,
 * before the tellers start and after they have all ended. It calls no Stasis API: checkpoints come
 * from {@code at=N}.
 */
public final class Transfers {

    static final int ACCOUNTS = 8;
    static final int TELLERS = 4;
    static final int TRANSFERS = 40_000;

    static final class Account {
        final int id;
        long balance = 1_000;

        Account(int id) {
            this.id = id;
        }
    }

    static final class Teller implements Runnable {
        final int id;
        final Account[] accounts;
        int done;
        long moved;

        Teller(int id, Account[] accounts) {
            this.id = id;
            this.accounts = accounts;
        }

        @Override
        public void run() {
            long seed = 1000 + id;
            for (int i = 0; i < TRANSFERS; i++) {
                seed = next(seed);
                int from = (int) ((seed >>> 33) % ACCOUNTS);
                seed = next(seed);
                int to = (int) ((seed >>> 33) % ACCOUNTS);
                seed = next(seed);
                long amount = (seed >>> 33) % 50;
                if (from != to) {
                    transfer(accounts[from], accounts[to], amount);
                    moved += amount;
                }
                done++;
            }
        }

        private static long next(long seed) {
            return seed * 6364136223846793005L + 1442695040888963407L;
        }

        private static void transfer(Account from, Account to, long amount) {
            Account first = from.id < to.id ? from : to;
            Account second = first == from ? to : from;
            synchronized (first) {
                synchronized (second) {
                    from.balance = debit(from.balance, amount);
                    to.balance += amount;
                }
            }
        }

        private static long debit(long balance, long amount) {
            return balance - amount;
        }
    }

    public static void main(String[] args) throws InterruptedException {
        Account[] accounts = new Account[ACCOUNTS];
        for (int k = 0; k < ACCOUNTS; k++) {
            accounts[k] = new Account(k);
        }
        List<Teller> tellers = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int k = 0; k < TELLERS; k++) {
            Teller t = new Teller(k, accounts);
            tellers.add(t);
            threads.add(new Thread(t, "teller-" + k));
        }
        System.out.println("tellers: " + TELLERS + ", accounts: " + ACCOUNTS);
        for (Thread t : threads) {
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        long total = 0;
        for (Account a : accounts) {
            System.out.println("account " + a.id + ": " + a.balance);
            total += a.balance;
        }
        for (Teller t : tellers) {
            System.out.println("teller " + t.id + ": " + t.done + " transfers, moved " + t.moved);
        }
        System.out.println("total " + total);
    }
}
