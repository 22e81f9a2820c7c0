/// A place in a config file (or in a `--set` argument): file label, 1-based line and column.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    /// The file path as given by the user, or a label such as `--set figure.dpi=0`.
    public var file: String
    /// 1-based line number.
    public var line: Int
    /// 1-based column number (in Unicode scalars, like libyaml).
    public var column: Int

    /// Creates a location.
    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = max(1, line)
        self.column = max(1, column)
    }

    /// `FILE:LINE:COLUMN`.
    public var description: String { "\(file):\(line):\(column)" }
}

/// One problem with a config or its input, reported as a single line
/// `FILE:LINE:COLUMN: message (key.path)`.
public struct ConfigError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Where the problem is.
    public var location: SourceLocation
    /// What is wrong, in plain words (may end with a "did you mean" hint).
    public var message: String
    /// The dotted key path of the offending value (`data.blobs.std`), empty for the document itself.
    public var keyPath: String

    /// Creates an error.
    public init(_ message: String, at location: SourceLocation, keyPath: String = "") {
        self.location = location
        self.message = message
        self.keyPath = keyPath
    }

    /// The one-line form of a warning: `FILE:LINE:COLUMN: warning: message (key.path)`.
    public var warningDescription: String {
        var w = self
        w.message = "warning: " + message
        return w.description
    }

    /// The one-line form printed by the CLI: control characters escaped (a newline in a key or a
    /// `--set` value cannot split it), at most ``Echo/maxLine`` characters.
    public var description: String {
        let msg = message.replacingOccurrences(of: "\n", with: " ")
        let line: String
        if keyPath.isEmpty {
            line = "\(location): \(msg)"
        } else if let r = msg.range(of: "; did you mean") {
            // Put the key path before a trailing "did you mean" hint so the hint ends the line.
            line = "\(location): \(msg[..<r.lowerBound]) (\(keyPath))\(msg[r.lowerBound...])"
        } else {
            line = "\(location): \(msg) (\(keyPath))"
        }
        return Echo.line(line)
    }
}

/// All the problems found in one config, in file order. Thrown by ``ConfigLoader``.
public struct ConfigErrors: Error, Sendable, CustomStringConvertible {
    /// The individual problems (never empty).
    public var errors: [ConfigError]

    /// Creates a list of problems.
    public init(_ errors: [ConfigError]) { self.errors = errors }

    /// One line per problem.
    public var description: String { errors.map(\.description).joined(separator: "\n") }
}

/// Suggestions for misspelt names.
public enum Spelling {
    /// The edit distance between two strings (case-insensitive; insertions, deletions, substitutions
    /// and transpositions of neighbours each cost 1).
    public static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a.lowercased().unicodeScalars), b = Array(b.lowercased().unicodeScalars)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var prev = Array(0...b.count)
        var prevPrev = prev
        var cur = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            cur[0] = i
            for j in 1...b.count {
                cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    cur[j] = min(cur[j], prevPrev[j - 2] + 1)  // transposition
                }
            }
            prevPrev = prev
            swap(&prev, &cur)
        }
        return prev[b.count]
    }

    /// The closest candidate within a distance that scales with the word's length, or nil.
    public static func suggestion(for word: String, among candidates: [String]) -> String? {
        let limit = max(1, min(3, (word.count + 1) / 3))
        var best: (String, Int)?
        let length = word.unicodeScalars.count
        for c in candidates {
            // The distance is at least the difference in length: skip hopeless candidates (a
            // 50 MB value is never compared letter by letter).
            guard abs(c.unicodeScalars.count - length) <= limit else { continue }
            let d = distance(word, c)
            if d <= limit, best == nil || d < best!.1 { best = (c, d) }
        }
        return best?.0
    }

    /// `"; did you mean 'x'?"` or an empty string.
    public static func hint(for word: String, among candidates: [String]) -> String {
        suggestion(for: word, among: candidates).map { "; did you mean \(Echo.quoted($0))?" } ?? ""
    }
}
