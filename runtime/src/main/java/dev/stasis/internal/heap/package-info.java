/**
 * The heap section of a checkpoint: the object graph reachable from the captured frames and
 * static fields, written as one Kryo graph by {@link dev.stasis.internal.heap.HeapWriter} and read
 * back by {@link dev.stasis.internal.heap.HeapReader}.
 *
 * <h2>Format</h2>
 * Magic {@code STHP}, version byte (2; version 1 heaps are still read), varint root count, the
 * roots (Kryo class-and-object with references on, so identity, sharing and cycles across all
 * roots are kept), the late-bound
 * references (see below), end marker {@code ENDH}. Kryo's {@code Output}/{@code Input} only (fixed
 * byte order; never the Unsafe buffers, whose order is the CPU's). A class is written as a varint:
 * 0 null, 1 "by name" (application classes, their name once per graph, a number after), n+2 the
 * fixed id n of a JDK serializer (ids are assigned in {@code Classifier.registerFixed}'s order,
 * which is therefore part of the format: append only). Strings are Latin-1 bytes or big-endian
 * UTF-16 units after a varint length. The same graph gives the same bytes on JDK 17 and 25
 * (GoldenHeapTest holds a reference file).
 *
 * <p>Kryo numbers objects in the order their content begins, and the reader must have each object
 * by the time a reference to it is read. An object the reader can only create from its content
 * (a lambda from its captured values, a record through its canonical constructor, List.of,
 * Collections wrappers, map views such as keySet, singletons, entries, Optional,
 * Weak/SoftReference, reversed and nulls-first comparators: {@code
 * HeapSerializer.builtFromContent}) therefore takes its number
 * once its content is written, on both sides, and is followed by a varint: 0, or n+1 when a cycle
 * inside that content led back to it, so that it was written there in full as object n, which
 * the reader keeps (the outer copy is dropped). Heap format 1 numbered them first, and a cycle
 * back to one read as null.
 *
 * <h2>What is written how</h2>
 * <ul>
 * <li>Application objects: field by field (superclass first, by name; transient and synthetic
 * fields included, static ones not), created again without running constructors (Objenesis).
 * Records through their canonical constructor; enum constants resolve to the reading JVM's
 * constants and receive their field values; application subclasses of JDK collections and maps
 * as their own fields plus the logical content; of Throwable as message, cause, stack trace,
 * suppressed and their own fields; of the atomic boxes, BitSet, DateFormat, ReentrantLock and
 * the fork/join tasks as the state their public API gives ({@code JdkSuperclassState}) plus their
 * own fields; of weak, soft and phantom references and of map entries as the state the JDK
 * constructor takes (referent and queue, key and value: {@code ConstructedFromState}) plus their
 * own fields. Objects whose hashCode is the identity hash (and enum constants and classes) carry
 * that hash, which the reader gives back on HotSpot ({@code IdentityHashes}), for libraries' own
 * hash tables the heap copies as they are.</li>
 * <li>JDK objects: by logical content only, through a catalogue of serializers (values, time
 * types, atomics, collections, maps, immutable collections, Collections wrappers, subList and
 * map views, entries, iterators, throwables, a few Serializable value classes such as Random and
 * SimpleDateFormat through their serialized form, heap ByteBuffers, streams over memory such as
 * StringReader and ByteArrayInputStream, annotation instances by type and member values, generic
 * types by their parts, running checksums such as CRC32 by their value, UTF-8 and Latin-1 decoders
 * and encoders by their settings, a Timer by its scheduled tasks, scheduled again on a new one;
 * open files and the readers and writers over them and over the standard streams by path, position
 * and what they buffer; the program's class loaders by name, URLs and parent). A JDK class outside
 * the catalogue, or bound to this JVM or the OS (the JDK's own threads and thread groups, streams
 * over other descriptors, sockets, socket channels, processes, the JDK's internal class loaders,
 * reflection handles, executors, direct NIO buffers), makes the
 * write fail with an {@link dev.stasis.internal.heap.UncheckpointableObjectException} whose
 * message names the path from the root.</li>
 * <li>Tokens: System.out/err/in, the system, platform and application class loaders, Runtime,
 * ThreadLocalRandom, the JDK's singletons (empty collections, reverseOrder,
 * CASE_INSENSITIVE_ORDER, Function.identity...) and public constants (DateTimeFormatter.ISO_*)
 * resolve to the reading JVM's objects; java.util.logging loggers and System.Logger instances to
 * the logger of the same name; objects bound by name with {@code HeapWriter.bind}/{@code HeapReader.bind} (the JVM's
 * main thread) likewise.</li>
 * <li>Threads (java.lang.Thread and application subclasses) by meaning: name, daemon flag,
 * priority, uncaught-exception handler, Runnable, subclass fields; a running thread must be one
 * of the checkpoint's ({@code HeapWriter.threads}). They come back unstarted.</li>
 * <li>Lambdas by their SerializedLambda, re-created with LambdaMetafactory.altMetafactory
 * (FLAG_SERIALIZABLE) in the capturing class's private lookup; one call site per lambda shape.</li>
 * <li>JDK iterators by meaning: over a list as (list, index), restored as a ResumedListIterator
 * over the restored list; otherwise as the elements still to come (taken from a drained copy of
 * the iterator's state, the live iterator is never advanced) plus the collection and last
 * returned element, restored as a ResumedIterator whose remove() acts on the restored
 * collection. The collection is bound late, at the end of the heap, so that an iterator over a
 * HashSet refers to the restored HashSet and not to a copy of its private map.</li>
 * </ul>
 *
 * <h2>Reading</h2>
 * The reader creates instances only of application classes the caller's predicate allows (and of
 * the public API classes in {@code dev.stasis}), and of the JDK classes its serializers build; a
 * name is checked before its class is loaded. Every length is checked against the bytes left
 * (use {@code read(in, length)}) or, length unknown, against an allowance proportional to the
 * input consumed. Deep graphs are read and written on a thread with a 512 MiB stack. Hash- and
 * order-based collections (and every application subclass of a JDK collection) are created empty
 * and filled by {@code completeDeferred()}, inner collections first. Creating application objects
 * and enum constants initializes their classes, as the restore driver must expect.
 *
 * <h2>Speed</h2>
 * A write costs about one probe of the identity table per object, a cache miss for large heaps,
 * which dominates everything else; the table holds only primitives so that its random stores
 * cost no GC barrier. {@code HeapWriter.inlineShortStrings(n)} writes short strings as values
 * (interned on read), skipping the table for what is usually half the objects of a heap, at the
 * price of merging equal strings that were distinct objects.
 *
 * <h2>Deliberate simplifications</h2>
 * An object built from its content is created twice when a cycle inside its content leads back
 * to it (the copy is dropped; the only side effect is hashing for Set.of/Map.of and running a
 * record's canonical constructor twice). A subList is numbered first, as in heap format 1: a list
 * that holds a sublist of itself reads back with null there (a sublist made before its list is
 * complete would fail at its next use). Set.of/Map.of hash their elements when read. Entries of JDK maps come back
 * as detached AbstractMap.SimpleEntry, except those of an entrySet loop in progress, which come
 * back as LiveMapEntry writing through to the restored map. WeakHashMap and references hold
 * their referents strongly in the file; a reference cleared but not yet enqueued is enqueued on
 * restore, even one the program cleared itself. ThreadLocals keep the values of the checkpoint's
 * threads only, handed to the restore driver by thread (a withInitial supplier is kept). A
 * ReentrantLock comes back unlocked, with its owner and hold count handed to the restore driver
 * (its conditions stay its own); a ReentrantReadWriteLock likewise, with its write owner and each
 * captured thread's read holds; semaphores and latches with their permits and counts; Stasis's
 * CyclicBarrier with its generation and waiting parties; a SecureRandom is freshly seeded. Fields
 * of intermediate JDK classes of exceptions (InvocationTargetException.target...) are not kept.
 * Reading a JDK iterator's position and some wrappers' internals needs the JDK packages opened to
 * Stasis (the agent does it); without that, iterators are refused and wrappers fall back to a copy
 * of their content.
 */
package dev.stasis.internal.heap;
