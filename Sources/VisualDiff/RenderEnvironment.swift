import Foundation
import Plotting

/// The software that decides how pixels come out: cairo, pixman, FreeType, libpng, the DejaVu Sans
/// font file and the CPU architecture. Recorded with every golden, so a failure on another machine
/// says "rendered elsewhere" instead of looking like a flake.
public enum RenderEnvironment {
    /// The current environment as sorted `name: value` pairs (computed once a process).
    public static let current: [String: String] = {
        var env = Canvas.libraryVersions
        env["font"] = fontDescription()
        #if arch(x86_64)
        env["arch"] = "x86_64"
        #elseif arch(arm64)
        env["arch"] = "arm64"
        #else
        env["arch"] = "other"
        #endif
        return env
    }()

    /// Human-readable differences between a golden's environment and `current`, e.g.
    /// `cairo 1.16.0 (golden) ≠ 1.18.0 (here)`; empty when they agree or nothing was recorded.
    public static func differences(golden: [String: String]?, here: [String: String] = current) -> [String] {
        guard let golden, !golden.isEmpty else { return [] }
        return Set(golden.keys).union(here.keys).sorted().compactMap { key in
            let g = golden[key] ?? "—", h = here[key] ?? "—"
            return g == h ? nil : "\(key) \(g) (golden) ≠ \(h) (here)"
        }
    }

    /// The DejaVu Sans file used for text: `DejaVuSans.ttf Version 2.37, 757076 bytes, fnv1a64 …`.
    static func fontDescription() -> String {
        guard let path = fontPath(), let data = FileManager.default.contents(atPath: path) else { return "DejaVuSans.ttf not found" }
        let bytes = [UInt8](data)
        let version = fontVersion(bytes) ?? "unknown version"
        return "\((path as NSString).lastPathComponent) \(version), \(bytes.count) bytes, fnv1a64 \(PixelHash.hex(PixelHash.fnv1a(bytes)))"
    }

    /// Where Plotting finds DejaVu Sans: `CLUSTERPLOT_FONT_DIR`, else the usual Debian/Fedora/Arch folders.
    static func fontPath() -> String? {
        var dirs: [String] = []
        if let d = ProcessInfo.processInfo.environment["CLUSTERPLOT_FONT_DIR"] { dirs.append(d) }
        dirs += ["/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu-sans-fonts", "/usr/share/fonts/TTF",
                 "/usr/share/fonts/dejavu", "/usr/local/share/fonts"]
        return dirs.map { "\($0)/DejaVuSans.ttf" }.first { FileManager.default.fileExists(atPath: $0) }
    }

    /// The version string (name ID 5) from a TrueType file's `name` table.
    static func fontVersion(_ b: [UInt8]) -> String? {
        func u16(_ o: Int) -> Int? { o + 2 <= b.count ? Int(b[o]) << 8 | Int(b[o + 1]) : nil }
        func u32(_ o: Int) -> Int? { guard let hi = u16(o), let lo = u16(o + 2) else { return nil }; return hi << 16 | lo }
        guard let numTables = u16(4) else { return nil }
        for t in 0..<numTables {
            let rec = 12 + t * 16
            guard rec + 16 <= b.count, String(decoding: b[rec..<rec + 4], as: UTF8.self) == "name",
                  let off = u32(rec + 8), let count = u16(off + 2), let strOff = u16(off + 4) else { continue }
            for i in 0..<count {
                let r = off + 6 + i * 12
                guard let platform = u16(r), let nameID = u16(r + 6), let len = u16(r + 8), let so = u16(r + 10),
                      nameID == 5 else { continue }
                let start = off + strOff + so
                guard start + len <= b.count else { continue }
                let raw = Array(b[start..<start + len])
                if platform == 3 || platform == 0 {
                    var units: [UInt16] = []
                    for j in stride(from: 0, to: raw.count - 1, by: 2) { units.append(UInt16(raw[j]) << 8 | UInt16(raw[j + 1])) }
                    return String(decoding: units, as: UTF16.self)
                }
                return String(decoding: raw, as: UTF8.self)
            }
        }
        return nil
    }
}
