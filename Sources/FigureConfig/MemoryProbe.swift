import Foundation

/// A failure to get the memory a legal input needs (exit status 1, not 2: the input is within the
/// limits, the machine or its `ulimit -v` is not), as one `FILE:LINE:COLUMN: message` line.
public struct ResourceError: Error, Sendable, CustomStringConvertible {
    /// Where the input that needs the memory is.
    public var location: SourceLocation
    /// What could not be allocated.
    public var message: String
    /// The key path of the input, when there is one.
    public var keyPath: String

    /// Creates an error.
    public init(_ message: String, at location: SourceLocation, keyPath: String = "") {
        self.location = location
        self.message = message
        self.keyPath = keyPath
    }

    /// The one-line form printed by the CLI.
    public var description: String { ConfigError(message, at: location, keyPath: keyPath).description }
}

/// Checks, before a large step starts, that the memory it will need can be had, so that a big but
/// legal input under a small address-space limit (`ulimit -v`) ends with a clean error instead of
/// an allocation failure (a trap) half way. The probe allocates the estimated peak and frees it at
/// once without touching it, so it costs no physical memory.
public enum MemoryProbe {
    /// Whether `bytes` can be allocated right now.
    public static func canAllocate(_ bytes: Int) -> Bool {
        guard bytes > 0 else { return true }
        guard let p = malloc(bytes) else { return false }
        free(p)
        return true
    }

    /// Throws a ``ResourceError`` ("needs about 1.2 GB of memory for 50,000,000 values; not
    /// available") when `bytes` cannot be allocated. `what` names what the memory is for.
    public static func require(_ bytes: Int, for what: String, at location: SourceLocation, keyPath: String = "") throws(ResourceError) {
        guard !canAllocate(bytes) else { return }
        throw ResourceError("not enough memory: \(what) needs about \(format(bytes)), which cannot be allocated (check `ulimit -v` and free memory)",
                            at: location, keyPath: keyPath)
    }

    /// The peak estimate for `values` doubles held `copies` times at once (8 bytes each), saturating.
    public static func bytes(values: Int, copies: Int = 1, bytesEach: Int = 8) -> Int {
        let (a, o1) = max(0, values).multipliedReportingOverflow(by: max(1, bytesEach))
        let (b, o2) = a.multipliedReportingOverflow(by: max(1, copies))
        return o1 || o2 ? Int.max : b
    }

    /// `1.2 GB`, `350 MB`, `12 kB` (decimal units).
    public static func format(_ bytes: Int) -> String {
        let units = [(1e12, "TB"), (1e9, "GB"), (1e6, "MB"), (1e3, "kB")]
        let b = Double(bytes)
        for (scale, name) in units where b >= scale {
            let v = b / scale
            return v < 10 ? "\(Double(Int(v * 10)) / 10) \(name)" : "\(Int(v)) \(name)"
        }
        return "\(bytes) bytes"
    }
}
