package samples;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A small search engine: generates a corpus of documents from a seeded vocabulary with a skewed
 * word distribution, tokenizes them, builds an inverted index with positions (a hash map of
 * posting lists, and a sorted dictionary for prefix queries), answers term, boolean, phrase and
 * prefix queries ranked by tf-idf, and prints the most frequent terms.
 *
 * <p>Only String keys are hashed (their hash codes are specified), outputs are sorted, and scores
 * use {@link StrictMath#log}, so every JVM prints the same.
 *
 * <p>Argument: number of documents (default 4000; 1000 runs in about half a second).
 */
public final class TextIndex {

    /** A generated document. */
    record Document(int id, String title, String text) {
    }

    /** Invents pronounceable words and writes sentences with a Zipf-like word frequency. */
    static final class CorpusGenerator {
        private static final String[] ONSETS = {"b", "k", "d", "f", "g", "l", "m", "n", "p", "r", "s", "t", "v", "st", "tr", "pl"};
        private static final String[] VOWELS = {"a", "e", "i", "o", "u", "ai", "ou"};
        private static final String[] CODAS = {"", "", "n", "r", "s", "l", "th"};
        private final Random random;
        private final List<String> vocabulary = new ArrayList<>();

        CorpusGenerator(Random random, int words) {
            this.random = random;
            Set<String> seen = new LinkedHashSet<>();
            while (seen.size() < words) {
                seen.add(word(1 + random.nextInt(3)));
            }
            vocabulary.addAll(seen);
        }

        private String word(int syllables) {
            StringBuilder sb = new StringBuilder();
            for (int s = 0; s < syllables; s++) {
                sb.append(ONSETS[random.nextInt(ONSETS.length)]).append(VOWELS[random.nextInt(VOWELS.length)])
                        .append(CODAS[random.nextInt(CODAS.length)]);
            }
            return sb.toString();
        }

        /** A word whose rank follows roughly 1/rank: low ranks (common words) dominate. */
        String pick() {
            int rank = (int) (vocabulary.size() * StrictMath.pow(random.nextInt(1 << 20) / (double) (1 << 20), 3));
            return vocabulary.get(rank);
        }

        Document document(int id) {
            StringBuilder text = new StringBuilder();
            int sentences = 3 + random.nextInt(6);
            for (int s = 0; s < sentences; s++) {
                int words = 4 + random.nextInt(10);
                for (int w = 0; w < words; w++) {
                    String word = pick();
                    text.append(w == 0 ? Character.toUpperCase(word.charAt(0)) + word.substring(1) : word);
                    text.append(w == words - 1 ? (random.nextInt(4) == 0 ? "! " : ". ") : (random.nextInt(8) == 0 ? ", " : " "));
                }
            }
            return new Document(id, pick() + " " + pick(), text.toString());
        }
    }

    /** Splits text into lower-case words of letters. */
    static final class Tokenizer {
        List<String> tokens(String text) {
            List<String> out = new ArrayList<>();
            StringBuilder current = new StringBuilder();
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (Character.isLetter(c)) {
                    current.append(Character.toLowerCase(c));
                } else if (current.length() > 0) {
                    out.add(current.toString());
                    current.setLength(0);
                }
            }
            if (current.length() > 0) {
                out.add(current.toString());
            }
            return out;
        }
    }

    /** The occurrences of one term in one document. */
    static final class Posting {
        final int doc;
        final List<Integer> positions = new ArrayList<>();

        Posting(int doc) {
            this.doc = doc;
        }
    }

    /** All documents a term occurs in, in increasing document order. */
    static final class PostingList {
        final List<Posting> postings = new ArrayList<>();
        long occurrences;

        void add(int doc, int position) {
            if (postings.isEmpty() || postings.get(postings.size() - 1).doc != doc) {
                postings.add(new Posting(doc));
            }
            postings.get(postings.size() - 1).positions.add(position);
            occurrences++;
        }

        Posting find(int doc) {
            int lo = 0;
            int hi = postings.size() - 1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                int d = postings.get(mid).doc;
                if (d == doc) {
                    return postings.get(mid);
                }
                if (d < doc) {
                    lo = mid + 1;
                } else {
                    hi = mid - 1;
                }
            }
            return null;
        }
    }

    /** The inverted index. */
    static final class Index {
        final Map<String, PostingList> terms = new HashMap<>();
        final TreeMap<String, Integer> dictionary = new TreeMap<>();
        final List<Integer> lengths = new ArrayList<>();
        private final Tokenizer tokenizer = new Tokenizer();

        void add(Document document) {
            List<String> tokens = tokenizer.tokens(document.title() + " " + document.text());
            for (int position = 0; position < tokens.size(); position++) {
                String token = tokens.get(position);
                terms.computeIfAbsent(token, t -> new PostingList()).add(document.id(), position);
            }
            lengths.add(tokens.size());
        }

        /** Refreshes the document frequencies of the sorted dictionary from the hash map. */
        void rebuildDictionary() {
            dictionary.clear();
            for (Map.Entry<String, PostingList> entry : terms.entrySet()) {
                dictionary.put(entry.getKey(), entry.getValue().postings.size());
            }
        }

        PostingList postings(String term) {
            PostingList list = terms.get(term);
            return list == null ? new PostingList() : list;
        }

        double idf(String term) {
            return StrictMath.log((double) lengths.size() / (1 + postings(term).postings.size()));
        }
    }

    /** A query: the set of matching documents and how well each matches. */
    interface Query {
        TreeSet<Integer> matches(Index index);

        double score(Index index, int doc);

        String describe();
    }

    /** Documents containing a word. */
    record TermQuery(String term) implements Query {
        @Override
        public TreeSet<Integer> matches(Index index) {
            TreeSet<Integer> docs = new TreeSet<>();
            for (Posting p : index.postings(term).postings) {
                docs.add(p.doc);
            }
            return docs;
        }

        @Override
        public double score(Index index, int doc) {
            Posting p = index.postings(term).find(doc);
            return p == null ? 0 : p.positions.size() * index.idf(term) / index.lengths.get(doc);
        }

        @Override
        public String describe() {
            return term;
        }
    }

    /** Documents matching all parts. */
    record AndQuery(List<Query> parts) implements Query {
        @Override
        public TreeSet<Integer> matches(Index index) {
            TreeSet<Integer> docs = parts.get(0).matches(index);
            for (Query part : parts.subList(1, parts.size())) {
                docs.retainAll(part.matches(index));
            }
            return docs;
        }

        @Override
        public double score(Index index, int doc) {
            double sum = 0;
            for (Query part : parts) {
                sum += part.score(index, doc);
            }
            return sum;
        }

        @Override
        public String describe() {
            return parts.stream().map(Query::describe).collect(Collectors.joining(" AND ", "(", ")"));
        }
    }

    /** Documents matching any part. */
    record OrQuery(List<Query> parts) implements Query {
        @Override
        public TreeSet<Integer> matches(Index index) {
            TreeSet<Integer> docs = new TreeSet<>();
            for (Query part : parts) {
                docs.addAll(part.matches(index));
            }
            return docs;
        }

        @Override
        public double score(Index index, int doc) {
            double best = 0;
            for (Query part : parts) {
                best = StrictMath.max(best, part.score(index, doc));
            }
            return best;
        }

        @Override
        public String describe() {
            return parts.stream().map(Query::describe).collect(Collectors.joining(" OR ", "(", ")"));
        }
    }

    /** Documents where two words occur next to each other, in order. */
    record PhraseQuery(String first, String second) implements Query {
        @Override
        public TreeSet<Integer> matches(Index index) {
            TreeSet<Integer> docs = new TreeSet<>();
            PostingList b = index.postings(second);
            for (Posting pa : index.postings(first).postings) {
                Posting pb = b.find(pa.doc);
                if (pb != null && adjacent(pa, pb) > 0) {
                    docs.add(pa.doc);
                }
            }
            return docs;
        }

        private static int adjacent(Posting a, Posting b) {
            int count = 0;
            for (int pos : a.positions) {
                if (b.positions.contains(pos + 1)) {
                    count++;
                }
            }
            return count;
        }

        @Override
        public double score(Index index, int doc) {
            Posting pa = index.postings(first).find(doc);
            Posting pb = index.postings(second).find(doc);
            return pa == null || pb == null ? 0 : adjacent(pa, pb) * (index.idf(first) + index.idf(second));
        }

        @Override
        public String describe() {
            return "\"" + first + " " + second + "\"";
        }
    }

    /** Documents containing a word that starts with a prefix. */
    record PrefixQuery(String prefix) implements Query {
        private OrQuery expand(Index index) {
            SortedMap<String, Integer> range = index.dictionary.subMap(prefix, prefix + Character.MAX_VALUE);
            return new OrQuery(range.keySet().stream().limit(50).map(t -> (Query) new TermQuery(t)).toList());
        }

        @Override
        public TreeSet<Integer> matches(Index index) {
            return expand(index).matches(index);
        }

        @Override
        public double score(Index index, int doc) {
            return expand(index).score(index, doc);
        }

        @Override
        public String describe() {
            return prefix + "*";
        }
    }

    /** A ranked hit. */
    record Hit(int doc, double score) {
    }

    static List<Hit> search(Index index, Query query, int limit) {
        List<Hit> hits = new ArrayList<>();
        for (int doc : query.matches(index)) {
            hits.add(new Hit(doc, query.score(index, doc)));
        }
        hits.sort(Comparator.comparingDouble(Hit::score).reversed().thenComparingInt(Hit::doc));
        return hits.subList(0, Math.min(limit, hits.size()));
    }

    static Query randomQuery(CorpusGenerator words, Random random) {
        switch (random.nextInt(5)) {
            case 0:
                return new TermQuery(words.pick());
            case 1:
                return new AndQuery(List.of(new TermQuery(words.pick()), new TermQuery(words.pick())));
            case 2:
                return new OrQuery(List.of(new TermQuery(words.pick()), new TermQuery(words.pick()),
                        new AndQuery(List.of(new TermQuery(words.pick()), new TermQuery(words.pick())))));
            case 3:
                return new PhraseQuery(words.pick(), words.pick());
            default:
                return new PrefixQuery(words.pick().substring(0, 2));
        }
    }

    public static void main(String[] args) {
        int documents = args.length > 0 ? Integer.parseInt(args[0]) : 4000;
        Random random = new Random(31337L);
        CorpusGenerator generator = new CorpusGenerator(random, 3000);
        Index index = new Index();
        long checksum = 0;
        int report = Math.max(1, documents / 10);
        System.out.println("indexing " + documents + " documents");
        for (int id = 0; id < documents; id++) {
            Document document = generator.document(id);
            index.add(document);
            checksum = checksum * 31 + document.text().hashCode();
            if ((id + 1) % report == 0) {
                System.out.println("indexed " + (id + 1) + " documents, " + index.terms.size() + " distinct terms");
            }
        }
        index.rebuildDictionary();

        long postings = 0;
        long positionsHash = 0;
        for (Map.Entry<String, PostingList> entry : index.terms.entrySet()) {
            PostingList list = entry.getValue();
            postings += list.postings.size();
            // a sum, so the order in which the hash map yields its entries does not matter
            positionsHash += entry.getKey().hashCode() * 31L + list.occurrences;
        }
        System.out.println("postings " + postings + " dictionary " + index.dictionary.size()
                + " first " + index.dictionary.firstKey() + " last " + index.dictionary.lastKey());
        checksum = checksum * 1_000_003 + postings * 7 + positionsHash;

        int queries = 4 + documents / 100;
        int printEvery = Math.max(1, queries / 15);
        for (int q = 0; q < queries; q++) {
            Query query = randomQuery(generator, random);
            List<Hit> hits = search(index, query, 5);
            long h = query.matches(index).size();
            for (Hit hit : hits) {
                h = h * 31 + hit.doc() * 17L + Double.doubleToLongBits(hit.score());
            }
            checksum = checksum * 1_000_003 + h;
            if (q % printEvery == 0) {
                System.out.println("query " + q + " " + query.describe() + " -> " + query.matches(index).size() + " docs, top "
                        + hits.stream().map(hit -> Integer.toString(hit.doc())).collect(Collectors.joining(",", "[", "]")));
            }
        }

        List<Map.Entry<String, PostingList>> top = index.terms.entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<String, PostingList> e) -> e.getValue().occurrences).reversed()
                        .thenComparing(Map.Entry::getKey))
                .limit(10)
                .toList();
        StringBuilder line = new StringBuilder("top terms:");
        for (Map.Entry<String, PostingList> e : top) {
            line.append(' ').append(e.getKey()).append('=').append(e.getValue().occurrences);
            checksum = checksum * 31 + e.getValue().occurrences;
        }
        System.out.println(line);
        System.out.println("checksum: " + Long.toHexString(checksum));
    }
}
