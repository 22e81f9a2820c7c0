import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Thread-count handling and the fixed work partitions shared by the parallel algorithms.
///
/// Parallel work is always split into partitions that depend only on the problem size (never on
/// the number of threads), and partial results are combined in partition order, so the bits of
/// every result are the same for any thread count.
public enum Parallelism {
    /// The number of processors currently available, at least 1.
    public static var activeProcessorCount: Int {
        #if canImport(Glibc) || canImport(Musl) || canImport(Darwin)
        return max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
        #else
        return 1
        #endif
    }

    /// Validates a requested thread count (`nil` = all active processors).
    static func resolve(_ threads: Int?) throws -> Int {
        guard let t = threads else { return activeProcessorCount }
        guard t >= 1 else { throw ClusteringError.invalidArgument(name: "threads", reason: "must be at least 1, got \(t)") }
        return t
    }

    /// Runs `body(task)` for every task in `0..<tasks`, on up to `threads` threads.
    static func run(tasks: Int, threads: Int, _ body: @Sendable (Int) -> Void) {
        if threads <= 1 || tasks <= 1 {
            for t in 0..<tasks { body(t) }
        } else {
            DispatchQueue.concurrentPerform(iterations: tasks, execute: body)
        }
    }

    /// Splits `0..<count` into `parts` contiguous ranges, the first `count % parts` one longer
    /// (libgomp's `schedule(static)` without a chunk size).
    static func staticRanges(count: Int, parts: Int) -> [Range<Int>] {
        let p = max(parts, 1)
        let q = count / p, r = count % p
        var out: [Range<Int>] = []
        var start = 0
        for t in 0..<p {
            let len = q + (t < r ? 1 : 0)
            out.append(start..<(start + len))
            start += len
        }
        return out
    }
}

/// A raw pointer wrapper that may cross into concurrent tasks; each task writes disjoint indices.
struct SharedMutablePointer<T>: @unchecked Sendable {
    let base: UnsafeMutablePointer<T>
    init(_ base: UnsafeMutablePointer<T>) { self.base = base }
    subscript(i: Int) -> T {
        get { base[i] }
        nonmutating set { base[i] = newValue }
    }
}

/// A read-only raw pointer wrapper that may cross into concurrent tasks.
struct SharedPointer<T>: @unchecked Sendable {
    let base: UnsafePointer<T>
    init(_ base: UnsafePointer<T>) { self.base = base }
    subscript(i: Int) -> T { base[i] }
    static func + (p: SharedPointer, offset: Int) -> UnsafePointer<T> { p.base + offset }
}
