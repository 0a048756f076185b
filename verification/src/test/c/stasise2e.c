/* The JNI library of the e2e program e2e.resources.NativeLibrary (see NativeLibraryTest). */
#include <jni.h>

JNIEXPORT jlong JNICALL Java_e2e_resources_NativeLibrary_00024Checksum_mix(JNIEnv *env, jclass cls, jlong state,
        jlong value) {
    unsigned long long x = (unsigned long long) state ^ ((unsigned long long) value * 0x9E3779B97F4A7C15ULL);
    x ^= x >> 29;
    x *= 0xBF58476D1CE4E5B9ULL;
    x ^= x >> 32;
    return (jlong) x;
}
